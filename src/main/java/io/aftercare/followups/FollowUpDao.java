package io.aftercare.followups;

import io.aftercare.core.Coded;
import io.aftercare.web.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * The {@code follow_ups} table, in SQL that runs on SQLite and PostgreSQL. Creation is idempotent (a second insert
 * of the same call or message does nothing); every state change is a conditional UPDATE on the expected state, so two
 * agents never both claim one. Thread-safe (each call takes its own handle; the static ones use the caller's).
 */
public final class FollowUpDao {
    /** The customer is the one stored, else whoever the number belongs to now (a customer added since). */
    private static final String SELECT = "SELECT f.id, f.kind, f.pbx_id, f.queue, f.e164, f.caller_name,"
            + " c.id AS customer_id, c.name AS customer_name, f.origin_linkedid, f.created_at, f.voicemail_seconds,"
            + " f.voicemail_msg_id, f.state, a.login AS claimed_by, f.claimed_at, f.call_linkedid, f.called_at,"
            + " f.done_at, f.outcome, f.callback_id, f.claimed_by AS claimed_by_id"
            + " FROM follow_ups f LEFT JOIN customers c ON c.id = COALESCE(f.customer_id,"
            + " (SELECT p.customer_id FROM customer_phones p WHERE p.e164 = f.e164))"
            + " LEFT JOIN agents a ON a.id = f.claimed_by";

    /** A row, with the claimer's agent id (ownership checks) besides the view. */
    record Row(FollowUp view, Long claimedById, String voicemailMsgId) {}

    /** Open follow-ups of one queue (null: none known) and kind: how many, and since when the oldest waits. */
    public record Backlog(String queue, FollowUpKind kind, int open, Instant oldest) {}

    private final Jdbi jdbi;

    public FollowUpDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Creates the follow-up in {@code state} (open, or callback for an automatic callback) unless one exists for
     * the same call or message; the customer is the contact's, else the one the number belongs to. Its id, or empty
     * when it existed.
     */
    static Optional<Long> insert(Handle h, NewFollowUp f, FollowUpState state, Instant now) {
        return h.createQuery("INSERT INTO follow_ups (kind, pbx_id, origin_key, queue, e164, caller_name, customer_id,"
                        + " origin_linkedid, created_at, waiting_since, voicemail_msg_id, voicemail_file,"
                        + " voicemail_seconds, state, updated_at) VALUES (:kind, :pbx, :key, :queue, :e164, :name,"
                        + " COALESCE(:customer,"
                        + " (SELECT k.customer_id FROM contacts k WHERE k.pbx_id = :pbx AND k.linkedid = :origin),"
                        + " (SELECT MIN(p.customer_id) FROM customer_phones p WHERE p.e164 = :e164)), :origin, :at,"
                        + " :since, :msg, :file, :seconds, :state, :now) ON CONFLICT (pbx_id, kind, origin_key) DO NOTHING"
                        + " RETURNING id")
                .bind("kind", f.kind().code()).bind("pbx", f.pbxId()).bind("key", f.originKey())
                .bind("queue", f.queue()).bind("e164", f.e164()).bind("name", f.callerName())
                .bind("customer", f.customerId()).bind("origin", f.originLinkedId())
                .bind("at", f.createdAt().toEpochMilli())
                .bind("since", f.waitingSince().toEpochMilli()).bind("msg", f.voicemailMsgId())
                .bind("file", f.voicemailFile()).bind("seconds", f.voicemailSeconds()).bind("state", state.code())
                .bind("now", now.toEpochMilli()).mapTo(Long.class).findOne();
    }

    /** True when a call from {@code e164} was answered at or after {@code since}: no need to call them back. */
    static boolean answeredSince(Handle h, String e164, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM contacts WHERE caller_e164 = :e AND answered_at >= :since")
                .bind("e", e164).bind("since", since.toEpochMilli()).mapTo(Integer.class).one() > 0;
    }

    /**
     * Cancels the open (unclaimed) abandoned follow-ups of {@code e164} created before {@code answeredAt}: the caller
     * called again and was answered. How many.
     */
    static int cancelAnswered(Handle h, String e164, Instant answeredAt, String linkedId, Instant now) {
        return h.createUpdate("UPDATE follow_ups SET state = 'cancelled', done_at = :now, outcome = :note,"
                        + " updated_at = :now WHERE e164 = :e AND kind = 'abandoned' AND state IN ('open', 'callback')"
                        + " AND callback_id IS NULL AND created_at <= :at")
                .bind("now", now.toEpochMilli()).bind("note", "called again and answered (" + linkedId + ")")
                .bind("e", e164).bind("at", answeredAt.toEpochMilli()).execute();
    }

    /** True when the call {@code linkedId} left a voicemail that is a follow-up already: its abandon is no more work. */
    static boolean leftVoicemail(Handle h, String pbxId, String linkedId) {
        return h.createQuery("SELECT COUNT(*) FROM follow_ups WHERE pbx_id = :p AND kind = 'voicemail'"
                + " AND origin_linkedid = :l").bind("p", pbxId).bind("l", linkedId).mapTo(Integer.class).one() > 0;
    }

    /**
     * Cancels the open abandoned follow-up of the call {@code linkedId}, whose caller left voicemail {@code id}
     * (app_queue reports a queue time-out as an abandon too). How many.
     */
    int supersedeAbandon(String pbxId, String linkedId, long voicemailId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE follow_ups SET state = 'cancelled', done_at = :now,"
                        + " outcome = :note, updated_at = :now WHERE pbx_id = :p AND kind = 'abandoned'"
                        + " AND origin_linkedid = :l AND state IN ('open', 'callback') AND callback_id IS NULL")
                .bind("now", now.toEpochMilli()).bind("note", "left a voicemail (follow-up " + voicemailId + ")")
                .bind("p", pbxId).bind("l", linkedId).execute());
    }

    public Optional<Long> insert(NewFollowUp f, FollowUpState state, Instant now) {
        return jdbi.inTransaction(h -> insert(h, f, state, now));
    }

    Optional<Row> find(long id, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE f.id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs, now)).findOne());
    }

    /**
     * Follow-ups in {@code states} (oldest first, keyset by created_at and id after {@code after}), of one queue and
     * kind when given.
     */
    List<Row> list(List<FollowUpState> states, String queue, FollowUpKind kind, Cursor after, int limit, Instant now) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE f.state IN (<states>)");
        if (queue != null) {
            sql.append(" AND f.queue = :queue");
        }
        if (kind != null) {
            sql.append(" AND f.kind = :kind");
        }
        if (after != null) {
            sql.append(" AND (f.created_at > :key OR (f.created_at = :key AND f.id > :id))");
        }
        sql.append(" ORDER BY f.created_at, f.id LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bindList("states", states.stream().map(Coded::code).toList())
                    .bind("limit", limit);
            if (queue != null) {
                q.bind("queue", queue);
            }
            if (kind != null) {
                q.bind("kind", kind.code());
            }
            if (after != null) {
                q.bind("key", after.key()).bind("id", after.id());
            }
            return q.map((rs, ctx) -> row(rs, now)).list();
        });
    }

    /** An open follow-up becomes {@code agentId}'s; false when it is not open (claimed first by someone else). */
    boolean claim(long id, long agentId, Instant now) {
        return update("UPDATE follow_ups SET state = 'claimed', claimed_by = :a, claimed_at = :now, updated_at = :now"
                + " WHERE id = :id AND state = 'open'", u -> u.bind("a", agentId).bind("now", now.toEpochMilli())
                .bind("id", id));
    }

    /** A claimed follow-up goes back to open; false when it is not claimed. */
    boolean release(long id, Instant now) {
        return update("UPDATE follow_ups SET state = 'open', claimed_by = NULL, claimed_at = NULL, updated_at = :now"
                + " WHERE id = :id AND state = 'claimed'", u -> u.bind("now", now.toEpochMilli()).bind("id", id));
    }

    /** Records the click-to-call placed for it by its claimer; false when no longer theirs. */
    boolean called(long id, long agentId, String linkedId, Instant now) {
        return update("UPDATE follow_ups SET call_linkedid = :l, called_at = :now, updated_at = :now"
                + " WHERE id = :id AND state = 'claimed' AND claimed_by = :a", u -> u.bind("l", linkedId)
                .bind("now", now.toEpochMilli()).bind("id", id).bind("a", agentId));
    }

    /** Its claimer closes it with a note; false when no longer theirs. */
    boolean done(long id, long agentId, String outcome, Instant now) {
        return update("UPDATE follow_ups SET state = 'done', done_at = :now, outcome = :o, updated_at = :now"
                + " WHERE id = :id AND state = 'claimed' AND claimed_by = :a", u -> u.bind("o", outcome)
                .bind("now", now.toEpochMilli()).bind("id", id).bind("a", agentId));
    }

    /** A follow-up handed to the automatic callbacks, not taken yet. */
    record PendingCallback(long id, String pbxId, String queue, String e164, Long customerId, String originLinkedId,
                           Instant waitingSince, String language) {}

    /** The follow-ups handed to the automatic callbacks and not taken yet, oldest first. */
    List<PendingCallback> pendingCallbacks(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT f.id, f.pbx_id, f.queue, f.e164, f.customer_id,"
                        + " f.origin_linkedid, f.waiting_since, c.language FROM follow_ups f LEFT JOIN customers c"
                        + " ON c.id = f.customer_id WHERE f.state = 'callback' ORDER BY f.created_at, f.id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new PendingCallback(rs.getLong("id"), rs.getString("pbx_id"), rs.getString("queue"),
                        rs.getString("e164"), longOrNull(rs, "customer_id"), rs.getString("origin_linkedid"),
                        Instant.ofEpochMilli(rs.getLong("waiting_since")), rs.getString("language"))).list());
    }

    /** The automatic callbacks took it (done) or refused it (cancelled). */
    boolean callbackAnswered(long id, Long callbackId, Instant now) {
        return update("UPDATE follow_ups SET state = :s, callback_id = :c, done_at = :now, outcome = :o,"
                + " updated_at = :now WHERE id = :id AND state = 'callback'", u -> u
                .bind("s", callbackId == null ? "cancelled" : "done").bind("c", callbackId)
                .bind("o", callbackId == null ? "automatic callback refused (not callable, do-not-call, or one"
                        + " already pending)" : "automatic callback " + callbackId)
                .bind("now", now.toEpochMilli()).bind("id", id));
    }

    /** The open and claimed follow-ups per queue and kind: how many and the oldest. */
    public List<Backlog> backlog() {
        return jdbi.withHandle(h -> h.createQuery("SELECT queue, kind, COUNT(*) AS n, MIN(created_at) AS oldest"
                        + " FROM follow_ups WHERE state IN ('open', 'claimed') GROUP BY queue, kind ORDER BY queue, kind")
                .map((rs, ctx) -> new Backlog(rs.getString("queue"), FollowUpKind.valueOf(rs.getString("kind")
                        .toUpperCase(Locale.ROOT)), rs.getInt("n"),
                        Instant.ofEpochMilli(rs.getLong("oldest")))).list());
    }

    /** The msg_ids of the voicemail follow-ups of one PBX with a number and no call linked yet. */
    Set<String> unlinkedVoicemails(String pbxId) {
        return jdbi.withHandle(h -> Set.copyOf(h.createQuery("SELECT origin_key FROM follow_ups WHERE pbx_id = :p"
                        + " AND kind = 'voicemail' AND origin_linkedid IS NULL AND e164 IS NOT NULL").bind("p", pbxId)
                .mapTo(String.class).list()));
    }

    /** Links a voicemail follow-up to the call that left it (and its queue), unless linked already; its id. */
    Optional<Long> linkVoicemail(String pbxId, String msgId, String linkedId, String queue, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE follow_ups SET origin_linkedid = :l,"
                        + " queue = COALESCE(queue, :q), updated_at = :now WHERE pbx_id = :p AND kind = 'voicemail'"
                        + " AND origin_key = :m AND origin_linkedid IS NULL RETURNING id")
                .bind("l", linkedId).bind("q", queue).bind("now", now.toEpochMilli()).bind("p", pbxId)
                .bind("m", msgId).mapTo(Long.class).findOne());
    }

    /** The msg_ids of the voicemails already made follow-ups of, of one PBX. */
    Set<String> voicemailIds(String pbxId) {
        return jdbi.withHandle(h -> Set.copyOf(h.createQuery("SELECT origin_key FROM follow_ups"
                + " WHERE pbx_id = :p AND kind = 'voicemail'").bind("p", pbxId).mapTo(String.class).list()));
    }

    /**
     * The call from {@code e164} that ended in the window before a message left at {@code at} (a queue time-out or
     * an after-hours call: the one that went to voicemail), the latest: its Linkedid and queue.
     */
    Optional<String[]> contactBefore(String pbxId, String e164, Instant from, Instant at) {
        return jdbi.withHandle(h -> h.createQuery("SELECT linkedid, queue FROM contacts WHERE pbx_id = :p"
                        + " AND caller_e164 = :e AND entered_at BETWEEN :from AND :at AND answered_at IS NULL"
                        + " ORDER BY entered_at DESC LIMIT 1").bind("p", pbxId).bind("e", e164)
                .bind("from", from.toEpochMilli()).bind("at", at.toEpochMilli())
                .map((rs, ctx) -> new String[] {rs.getString("linkedid"), rs.getString("queue")}).findOne());
    }

    private boolean update(String sql, Consumer<Update> binds) {
        return jdbi.withHandle(h -> {
            Update u = h.createUpdate(sql);
            binds.accept(u);
            return u.execute() == 1;
        });
    }

    private static Row row(ResultSet rs, Instant now) throws SQLException {
        Instant created = Instant.ofEpochMilli(rs.getLong("created_at"));
        Long seconds = longOrNull(rs, "voicemail_seconds");
        String msgId = rs.getString("voicemail_msg_id");
        FollowUp view = new FollowUp(rs.getLong("id"), FollowUpKind.valueOf(rs.getString("kind")
                .toUpperCase(Locale.ROOT)), rs.getString("pbx_id"), rs.getString("queue"),
                rs.getString("e164"), rs.getString("caller_name"), longOrNull(rs, "customer_id"),
                rs.getString("customer_name"), rs.getString("origin_linkedid"), created,
                Math.max(0, now.toEpochMilli() - created.toEpochMilli()), seconds == null ? null : seconds * 1000,
                msgId != null, FollowUpState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                rs.getString("claimed_by"), instant(rs, "claimed_at"), rs.getString("call_linkedid"),
                instant(rs, "called_at"), instant(rs, "done_at"), rs.getString("outcome"),
                longOrNull(rs, "callback_id"));
        return new Row(view, longOrNull(rs, "claimed_by_id"), msgId);
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Long v = longOrNull(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }
}
