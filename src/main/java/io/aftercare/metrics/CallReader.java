package io.aftercare.metrics;

import io.aftercare.calls.Outcome;
import io.aftercare.calls.SegmentKind;
import io.aftercare.calls.SegmentRecord;
import io.aftercare.persistence.JdbcValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored calls as {@link CallFacts} with plain JDBC, mapped by column position: the contacts by time (or by
 * customer), then their segments by key, so both databases walk an index for each. Not a jdbi SqlObject like the
 * other DAOs, and not one join: a one-day report maps some 150,000 rows, jdbi's {@code ConstructorMapper} was most
 * of its time, and a join of contacts and segments made PostgreSQL (which cannot tell that few contacts both
 * joined a queue after {@code from} and entered before {@code to}) hash the whole segments table
 * (doc/benchmarks.md, "Wallboard and reports"). Blocking; stateless and thread-safe.
 */
final class CallReader {
    /** Keys per {@code IN} list: far under SQLite's and PostgreSQL's bind-parameter limits. */
    static final int CHUNK = 500;

    /** Inbound contacts only: a call aftercare originated (a survey, a callback) is in no queue figure. */
    private static final String INBOUND = """
            SELECT id, pbx_id, linkedid, queue, entered_at, queued_at, answered_at, dequeued_at, ended_at, outcome,
                lost_track, customer_id, case_id, reason_code
            FROM contacts
            WHERE kind = 'inbound' AND\s""";

    /**
     * A call first offered in [from, to) entered before {@code to} and joined its last queue at or after
     * {@code from} (queued_at is the last join), so this finds them all, plus a few the calculators filter out.
     */
    private static final String IN_INTERVAL = INBOUND + "queued_at >= ? AND entered_at < ? ORDER BY queued_at, id";

    private static final Map<String, Outcome> OUTCOMES = codes(Outcome.values());
    private static final Map<String, SegmentKind> KINDS = codes(SegmentKind.values());
    private static final Comparator<Contact> CONTACT_ORDER = Comparator.comparing((Contact c) -> c.row().queuedAt(),
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparingLong(Contact::id);
    private static final Comparator<Segment> SEGMENT_ORDER = Comparator.comparing((Segment s) -> s.row().startedAt())
            .thenComparingLong(Segment::id);

    private record Contact(long id, StoredContact row) {}

    private record Segment(long id, SegmentRecord row) {}

    private CallReader() {}

    /** Calls that may have been offered in [from, to), with all their segments, by queue join then id. */
    static List<CallFacts> calls(Connection connection, Instant from, Instant to) throws SQLException {
        List<Contact> contacts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(IN_INTERVAL)) {
            statement.setLong(1, from.toEpochMilli());
            statement.setLong(2, to.toEpochMilli());
            readContacts(statement, contacts);
        }
        return facts(contacts, segments(connection, contacts, false));
    }

    /**
     * The {@code customers}' calls that may have been offered in [from, to) (as {@link #calls}), with their
     * queue-wait segments only (where and when each was offered: FCR does not read handling times).
     */
    static List<CallFacts> ofCustomers(Connection connection, Collection<Long> customers, Instant from, Instant to)
            throws SQLException {
        List<Contact> contacts = new ArrayList<>();
        List<Long> ids = List.copyOf(customers);
        for (int start = 0; start < ids.size(); start += CHUNK) {
            List<Long> chunk = ids.subList(start, Math.min(ids.size(), start + CHUNK));
            try (PreparedStatement statement = connection.prepareStatement(INBOUND + "customer_id IN ("
                    + marks(chunk.size()) + ") AND queued_at >= ? AND entered_at < ?")) {
                int i = 1;
                for (long id : chunk) {
                    statement.setLong(i++, id);
                }
                statement.setLong(i++, from.toEpochMilli());
                statement.setLong(i, to.toEpochMilli());
                readContacts(statement, contacts);
            }
        }
        contacts.sort(CONTACT_ORDER);
        return facts(contacts, segments(connection, contacts, true));
    }

    private static void readContacts(PreparedStatement statement, List<Contact> into) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                into.add(new Contact(rs.getLong(1), new StoredContact(rs.getString(2), rs.getString(3),
                        rs.getString(4), JdbcValues.instant(rs, 5), JdbcValues.instant(rs, 6), JdbcValues.instant(rs, 7), JdbcValues.instant(rs, 8),
                        JdbcValues.instant(rs, 9), OUTCOMES.get(rs.getString(10)), rs.getBoolean(11), JdbcValues.nullableLong(rs, 12),
                        JdbcValues.nullableLong(rs, 13), rs.getString(14))));
            }
        }
    }

    /** The contacts' segments (queue-wait ones only, or all), by PBX, then linkedid. */
    private static Map<String, Map<String, List<Segment>>> segments(Connection connection, List<Contact> contacts,
                                                                    boolean queueOnly) throws SQLException {
        Map<String, List<String>> linkedIds = new LinkedHashMap<>();
        for (Contact c : contacts) {
            linkedIds.computeIfAbsent(c.row().pbxId(), k -> new ArrayList<>()).add(c.row().linkedId());
        }
        Map<String, Map<String, List<Segment>>> out = new HashMap<>();
        for (Map.Entry<String, List<String>> pbx : linkedIds.entrySet()) {
            Map<String, List<Segment>> ofPbx = out.computeIfAbsent(pbx.getKey(), k -> new HashMap<>());
            List<String> ids = pbx.getValue();
            for (int start = 0; start < ids.size(); start += CHUNK) {
                List<String> chunk = ids.subList(start, Math.min(ids.size(), start + CHUNK));
                try (PreparedStatement statement = connection.prepareStatement("""
                        SELECT linkedid, id, kind, agent, queue, started_at, ended_at FROM segments
                        WHERE pbx_id = ? AND linkedid IN (""" + marks(chunk.size()) + ")"
                        + (queueOnly ? " AND kind = 'queue'" : ""))) {
                    statement.setString(1, pbx.getKey());
                    int i = 2;
                    for (String id : chunk) {
                        statement.setString(i++, id);
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            String linkedId = rs.getString(1);
                            ofPbx.computeIfAbsent(linkedId, k -> new ArrayList<>(4)).add(new Segment(rs.getLong(2),
                                    new SegmentRecord(pbx.getKey(), linkedId, KINDS.get(rs.getString(3)),
                                            rs.getString(4), rs.getString(5), JdbcValues.instant(rs, 6), JdbcValues.instant(rs, 7))));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Each contact with its segments in the order they were always read in: by start, then id. */
    private static List<CallFacts> facts(List<Contact> contacts, Map<String, Map<String, List<Segment>>> segments) {
        List<CallFacts> calls = new ArrayList<>(contacts.size());
        for (Contact c : contacts) {
            List<Segment> own = segments.getOrDefault(c.row().pbxId(), Map.of()).getOrDefault(c.row().linkedId(),
                    List.of());
            List<SegmentRecord> rows = new ArrayList<>(own.size());
            own.stream().sorted(SEGMENT_ORDER).forEach(s -> rows.add(s.row()));
            calls.add(CallFacts.of(c.row(), rows));
        }
        return calls;
    }

    private static String marks(int n) {
        return "?, ".repeat(n - 1) + "?";
    }

    private static <E extends Enum<E> & io.aftercare.core.Coded> Map<String, E> codes(E[] constants) {
        Map<String, E> byCode = new HashMap<>();
        for (E e : constants) {
            byCode.put(e.code(), e);
        }
        return Map.copyOf(byCode);
    }
}
