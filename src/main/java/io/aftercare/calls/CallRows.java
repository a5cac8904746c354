package io.aftercare.calls;

import io.aftercare.core.Coded;
import io.aftercare.persistence.JdbcQuery;
import io.aftercare.persistence.JdbcValues;
import io.aftercare.telephony.ContactKind;
import io.aftercare.web.PageRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one query of stored calls: a {@link CallFilter} over {@code contacts}, newest first by (start, id), a keyset
 * page at a time. The call list, its CSV export, a customer's contact history and the screen pop's past contacts
 * all read it. Plain JDBC on the caller's connection (the screen pop's reads are plain JDBC for speed). Indexes
 * (V26): start alone, and queue, answering agent or customer followed by start and id. Not thread-safe: one
 * instance per connection.
 */
public final class CallRows {
    private static final String SELECT = "SELECT c.id, c.pbx_id, c.linkedid, c.kind, c.entered_at, c.queued_at,"
            + " c.answered_at, c.ended_at, c.queue, c.answered_by, a.login, c.caller_e164, c.caller_name,"
            + " c.customer_id, c.case_id, c.outcome FROM contacts c LEFT JOIN agents a ON a.interface = c.answered_by";


    private final Connection connection;

    public CallRows(Connection connection) {
        this.connection = connection;
    }

    /** Up to {@link PageRequest#fetch()} calls after the request's cursor, newest first. */
    public List<CallRow> page(CallFilter filter, PageRequest page) {
        Where where = where(filter);
        if (page.after() != null) {
            // the first conjunct is an index range on the start; the second breaks ties by id
            where.add("c.entered_at <= ? AND (c.entered_at < ? OR c.id < ?)", page.after().key(),
                    page.after().key(), page.after().id());
        }
        where.params.add(page.fetch());
        return list(SELECT + where.sql() + " ORDER BY c.entered_at DESC, c.id DESC LIMIT ?", CallRows::call,
                where.params.toArray());
    }

    /** How many calls the filter matches (the same WHERE and indexes as a page). */
    public long count(CallFilter filter) {
        Where where = where(filter);
        return list("SELECT count(*) FROM contacts c" + where.sql(), rs -> rs.getLong(1), where.params.toArray())
                .get(0);
    }

    public Optional<CallRow> byId(long id) {
        List<CallRow> rows = list(SELECT + " WHERE c.id = ?", CallRows::call, id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The segments of these calls by {@link #key}, each call's in the order they started. */
    Map<String, List<SegmentRecord>> segments(List<CallRow> calls) {
        Map<String, List<SegmentRecord>> out = new HashMap<>();
        for (SegmentRecord s : ofCalls(calls, "SELECT pbx_id, linkedid, kind, agent, queue, started_at, ended_at"
                + " FROM segments", "started_at, id", rs -> new SegmentRecord(rs.getString(1), rs.getString(2),
                Coded.parse(SegmentKind.class, rs.getString(3), "kind"), rs.getString(4), rs.getString(5),
                JdbcValues.instant(rs, 6), JdbcValues.instant(rs, 7)))) {
            out.computeIfAbsent(key(s.pbxId(), s.linkedId()), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The last disposition saved for each of these calls, by {@link #key} (a transferred call may have two). */
    public Map<String, CallSummary.Disposition> dispositions(List<CallRow> calls) {
        Map<String, CallSummary.Disposition> out = new HashMap<>();
        for (Map.Entry<String, CallSummary.Disposition> d : ofCalls(calls, "SELECT pbx_id, linkedid, reason_code,"
                + " resolved, case_id FROM dispositions", "created_at, id", rs -> Map.entry(key(rs.getString(1),
                rs.getString(2)), new CallSummary.Disposition(rs.getString(3), rs.getBoolean(4),
                JdbcValues.nullableLong(rs, 5))))) {
            out.put(d.getKey(), d.getValue()); // oldest first: the last one stays
        }
        return out;
    }

    /** The answers of the survey calls among these, by the survey call's Linkedid. */
    Map<String, CallSummary.Survey> surveys(List<CallRow> calls) {
        List<String> ids = calls.stream().filter(c -> c.kind() == ContactKind.SURVEY).map(CallRow::linkedId).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        // a survey call's Linkedid is its originate id survey-<job>-<attempt>; the answers are the job's, on the
        // attempt that was answered
        Map<String, CallSummary.Survey> out = new HashMap<>();
        for (Map.Entry<String, CallSummary.Survey> s : list("SELECT j.id, j.answered_attempt, a.csat, a.nps,"
                + " a.resolved FROM survey_jobs j JOIN survey_answers a ON a.job_id = j.id WHERE j.id IN ("
                + marks(ids.size()) + ")", rs -> Map.entry("survey-" + rs.getLong(1) + "-" + rs.getLong(2),
                new CallSummary.Survey(rs.getLong(1), nullableInt(rs, 3), nullableInt(rs, 4),
                        JdbcValues.nullableBoolean(rs, 5))), ids.stream().map(CallRows::surveyJob).toArray())) {
            out.put(s.getKey(), s.getValue());
        }
        return out;
    }

    /** A call's key in the maps above. */
    public static String key(String pbxId, String linkedId) {
        return pbxId + "\n" + linkedId;
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        Long value = JdbcValues.nullableLong(rs, column);
        return value == null ? null : value.intValue();
    }

    private static long surveyJob(String linkedId) {
        String[] parts = linkedId.split("-");
        try {
            return parts.length == 3 ? Long.parseLong(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private <T> List<T> ofCalls(List<CallRow> calls, String select, String order, JdbcQuery.Row<T> row) {
        List<T> out = new ArrayList<>();
        for (String pbx : calls.stream().map(CallRow::pbxId).distinct().toList()) {
            List<Object> params = new ArrayList<>();
            params.add(pbx);
            calls.stream().filter(c -> c.pbxId().equals(pbx)).map(CallRow::linkedId).forEach(params::add);
            out.addAll(list(select + " WHERE pbx_id = ? AND linkedid IN (" + marks(params.size() - 1) + ") ORDER BY "
                    + order, row, params.toArray()));
        }
        return out;
    }

    private static CallRow call(ResultSet rs) throws SQLException {
        return new CallRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                Coded.parse(ContactKind.class, rs.getString(4), "kind"), JdbcValues.instant(rs, 5),
                JdbcValues.instant(rs, 6), JdbcValues.instant(rs, 7), JdbcValues.instant(rs, 8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), JdbcValues.nullableLong(rs, 14),
                JdbcValues.nullableLong(rs, 15), Coded.parse(Outcome.class, rs.getString(16), "outcome"));
    }

    private static Where where(CallFilter f) {
        Where where = new Where();
        if (f.from() != null) {
            where.add("c.entered_at >= ?", f.from().toEpochMilli());
        }
        if (f.to() != null) {
            where.add("c.entered_at < ?", f.to().toEpochMilli());
        }
        if (f.queue() != null) {
            where.add("c.queue = ?", f.queue());
        }
        if (f.agent() != null) {
            where.add("c.answered_by = ?", f.agent());
        }
        if (f.customerId() != null) {
            where.add("c.customer_id = ?", f.customerId());
        }
        if (f.outcome() != null) {
            where.add("c.outcome = ?", f.outcome().code());
        }
        if (f.outbound() != null) {
            where.add(f.outbound() ? "c.kind <> 'inbound'" : "c.kind = 'inbound'");
        }
        if (f.notLinkedId() != null) {
            where.add("c.linkedid <> ?", f.notLinkedId());
        }
        return where;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private <T> List<T> list(String sql, JdbcQuery.Row<T> row, Object... params) {
        return JdbcQuery.list(connection, "call list", sql, row, params);
    }

    /** The conditions of a WHERE clause and their parameters, in order. */
    private static final class Where {
        final List<String> conditions = new ArrayList<>();
        final List<Object> params = new ArrayList<>();

        void add(String condition, Object... values) {
            conditions.add(condition);
            Collections.addAll(params, values);
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }
}
