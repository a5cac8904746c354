package io.aftercare.callbacks;

import io.aftercare.core.Coded;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code callbacks} table in SQL that runs on SQLite and PostgreSQL. Every state change is a conditional UPDATE
 * on the expected state (and, for the placing instance, its lease), so two instances, or a restarted one, never
 * both place an attempt. Thread-safe (each call takes its own handle).
 */
public final class CallbackDao {
    static final String COLUMNS = "id, source, pbx_id, queue, e164, customer_id, origin_linkedid, language,"
            + " waiting_since, state, due_at, expires_at, attempts, action_id, last_outcome, detail, agent, answered_at,"
            + " finished_at, created_at";
    /** The states of a callback not yet done: a second request for the same number is refused meanwhile. */
    static final String PENDING = "('scheduled', 'queued')";

    private final Jdbi jdbi;

    public CallbackDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Inserts a scheduled callback due at {@code due}, unless one for the same number is pending: then empty. One
     * statement, so two requests at once (two instances) insert one row.
     */
    public Optional<Long> insertUnlessPending(CallbackRequest r, Long customerId, Instant due, Instant expires,
                                              Instant now) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO callbacks (source, pbx_id, queue, e164, customer_id,"
                        + " origin_linkedid, language, waiting_since, state, due_at, expires_at, created_at, updated_at)"
                        + " SELECT :s, :p, :q, :e, :c, :o, :l, :w, 'scheduled', :due, :exp, :now, :now"
                        + " WHERE NOT EXISTS (SELECT 1 FROM callbacks WHERE e164 = :e AND state IN " + PENDING + ")"
                        + " RETURNING id")
                .bind("s", r.source().code()).bind("p", r.pbxId()).bind("q", r.queue()).bind("e", r.e164())
                .bind("c", customerId).bind("o", r.originLinkedId()).bind("l", r.language())
                .bind("w", r.waitingSince().toEpochMilli()).bind("due", due.toEpochMilli())
                .bind("exp", expires.toEpochMilli()).bind("now", now.toEpochMilli())
                .mapTo(Long.class).findOne());
    }

    public Optional<Callback> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM callbacks WHERE id = :id")
                .bind("id", id).map(CallbackDao::callback).findOne());
    }

    /** Callbacks by state (all when empty), newest first, at most {@code limit}. */
    public List<Callback> list(List<String> states, int limit) {
        String where = states.isEmpty() ? "" : " WHERE state IN (<states>)";
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM callbacks" + where
                        + " ORDER BY id DESC LIMIT :limit")
                .bindList("states", states.isEmpty() ? List.of("") : states).bind("limit", limit)
                .map(CallbackDao::callback).list());
    }

    /**
     * Claims at most {@code limit} due scheduled callbacks for {@code owner}: they become queued with a lease until
     * {@code leaseUntil}; a row another instance took first no longer matches. Oldest place in line first.
     */
    public List<Callback> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        long t = now.toEpochMilli();
        return jdbi.withHandle(h -> h.createQuery("UPDATE callbacks SET state = 'queued', lease_owner = :o,"
                        + " lease_until = :until, action_id = NULL, updated_at = :now WHERE id IN (SELECT id FROM callbacks"
                        + " WHERE state = 'scheduled' AND due_at <= :now ORDER BY waiting_since LIMIT :limit)"
                        + " AND state = 'scheduled' RETURNING " + COLUMNS)
                .bind("o", owner).bind("until", leaseUntil.toEpochMilli()).bind("now", t).bind("limit", limit)
                .map(CallbackDao::callback).list());
    }

    /** Records the attempt about to be placed; false when the callback is no longer this owner's queued one. */
    public boolean markPlacing(long id, String owner, String actionId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE callbacks SET action_id = :a, attempts = attempts + 1,"
                        + " detail = '', updated_at = :now WHERE id = :id AND state = 'queued' AND lease_owner = :o")
                .bind("a", actionId).bind("now", now.toEpochMilli()).bind("id", id).bind("o", owner).execute()) > 0;
    }

    /** Queued callbacks (any owner), for their attempts' outcomes. */
    public List<Callback> queued(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM callbacks WHERE state = 'queued'"
                        + " ORDER BY id LIMIT :limit").bind("limit", limit).map(CallbackDao::callback).list());
    }

    /** Whether the lease of a queued callback ran out (its placer died, or the attempt never showed up). */
    public boolean leaseExpired(long id, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM callbacks WHERE id = :id AND state = 'queued'"
                        + " AND lease_until < :now").bind("id", id).bind("now", now.toEpochMilli())
                .mapTo(Integer.class).one()) > 0;
    }

    /** Extends a queued callback's lease (its attempt is still in progress on the PBX). */
    public void extendLease(long id, String actionId, Instant until, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE callbacks SET lease_until = :until, updated_at = :now"
                        + " WHERE id = :id AND state = 'queued' AND action_id = :a")
                .bind("until", until.toEpochMilli()).bind("now", now.toEpochMilli()).bind("id", id).bind("a", actionId)
                .execute());
    }

    /** The stored outcome of the contact with this Linkedid (open while in progress); empty when none is stored. */
    public Optional<ContactEnd> contactOf(String linkedId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT outcome, answered_by, answered_at FROM contacts"
                        + " WHERE linkedid = :l ORDER BY id DESC LIMIT 1").bind("l", linkedId)
                .map((rs, ctx) -> new ContactEnd(rs.getString(1), rs.getString(2), instant(rs, "answered_at")))
                .findOne());
    }

    /** A callback attempt's contact as stored: outcome code, the agent who answered (may be null), when answered. */
    public record ContactEnd(String outcome, String agent, Instant answeredAt) {}

    /** The attempt {@code actionId} reached the customer: completed. */
    public boolean complete(long id, String actionId, String agent, Instant answeredAt, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE callbacks SET state = 'completed', last_outcome = 'answered',"
                        + " agent = :ag, answered_at = :ans, lease_owner = NULL, lease_until = NULL, finished_at = :now,"
                        + " updated_at = :now WHERE id = :id AND state = 'queued' AND action_id = :a")
                .bind("ag", agent).bind("ans", answeredAt == null ? null : answeredAt.toEpochMilli())
                .bind("now", now.toEpochMilli()).bind("id", id).bind("a", actionId).execute()) > 0;
    }

    /** Attempt {@code actionId} did not reach the customer: back to scheduled at {@code due}, lease released. */
    public boolean reschedule(long id, String actionId, Instant due, String outcome, String detail, Instant now) {
        return update("UPDATE callbacks SET state = 'scheduled', due_at = :due, lease_owner = NULL, lease_until = NULL,"
                + " last_outcome = COALESCE(:out, last_outcome), detail = :d, updated_at = :now"
                + " WHERE id = :id AND state = 'queued' AND action_id = :a", u -> u.bind("due", due.toEpochMilli())
                .bind("out", outcome).bind("d", detail).bind("now", now.toEpochMilli()).bind("id", id)
                .bind("a", actionId));
    }

    /** A callback claimed but never placed, whose claimer's lease ran out: scheduled again, due now. */
    public boolean rescheduleUnplaced(long id, String detail, Instant now) {
        return update("UPDATE callbacks SET state = 'scheduled', due_at = :now, lease_owner = NULL, lease_until = NULL,"
                + " detail = :d, updated_at = :now WHERE id = :id AND state = 'queued' AND action_id IS NULL"
                + " AND lease_until < :now", u -> u.bind("d", detail).bind("now", now.toEpochMilli()).bind("id", id));
    }

    /** Gives back a callback {@code owner} claimed and did not place: scheduled again at {@code due}. */
    public boolean release(long id, String owner, Instant due, String detail, Instant now) {
        return update("UPDATE callbacks SET state = 'scheduled', due_at = :due, lease_owner = NULL, lease_until = NULL,"
                + " detail = :d, updated_at = :now WHERE id = :id AND state = 'queued' AND lease_owner = :o"
                + " AND action_id IS NULL", u -> u.bind("due", due.toEpochMilli()).bind("d", detail)
                .bind("now", now.toEpochMilli()).bind("id", id).bind("o", owner));
    }

    /** Ends a callback {@code owner} claimed and did not place. */
    public boolean finishClaimed(long id, String owner, String state, String detail, Instant now) {
        return update("UPDATE callbacks SET state = :s, lease_owner = NULL, lease_until = NULL, detail = :d,"
                + " finished_at = :now, updated_at = :now WHERE id = :id AND state = 'queued' AND lease_owner = :o"
                + " AND action_id IS NULL", u -> u.bind("s", state).bind("d", detail).bind("now", now.toEpochMilli())
                .bind("id", id).bind("o", owner));
    }

    /** Ends a callback after its attempt {@code actionId}. */
    public boolean finishAttempt(long id, String actionId, String state, String outcome, String detail, Instant now) {
        return update("UPDATE callbacks SET state = :s, lease_owner = NULL, lease_until = NULL,"
                + " last_outcome = COALESCE(:out, last_outcome), detail = :d, finished_at = :now, updated_at = :now"
                + " WHERE id = :id AND state = 'queued' AND action_id = :a", u -> u.bind("s", state)
                .bind("out", outcome).bind("d", detail).bind("now", now.toEpochMilli()).bind("id", id)
                .bind("a", actionId));
    }

    private boolean update(String sql, java.util.function.UnaryOperator<org.jdbi.v3.core.statement.Update> binds) {
        return jdbi.withHandle(h -> binds.apply(h.createUpdate(sql)).execute()) > 0;
    }

    /** Ends a callback in a final state, if it is still in {@code fromState}. */
    public boolean finish(long id, String fromState, String state, String outcome, String detail, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE callbacks SET state = :s, lease_owner = NULL,"
                        + " lease_until = NULL, last_outcome = COALESCE(:out, last_outcome), detail = :d,"
                        + " finished_at = :now, updated_at = :now WHERE id = :id AND state = :from")
                .bind("s", state).bind("out", outcome).bind("d", detail).bind("now", now.toEpochMilli())
                .bind("id", id).bind("from", fromState).execute()) > 0;
    }

    /** Scheduled callbacks past their validity become expired; returns how many. */
    public int expire(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE callbacks SET state = 'expired',"
                + " detail = 'not reached before expiry', finished_at = :now, updated_at = :now"
                + " WHERE state = 'scheduled' AND expires_at < :now").bind("now", now.toEpochMilli()).execute());
    }

    /** Queued callbacks of {@code queue} holding a place from before {@code since} (they are ahead in line). */
    public int queuedAhead(String queue, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM callbacks WHERE state = 'queued'"
                        + " AND queue = :q AND waiting_since < :w").bind("q", queue).bind("w", since.toEpochMilli())
                .mapTo(Integer.class).one());
    }

    /** The callbacks not done yet: how many wait to be placed and hold a place, and since when the oldest waits. */
    public record Backlog(long scheduled, long queued, Instant oldestWaitingSince) {
        public static final Backlog NONE = new Backlog(0, 0, null);
    }

    public Backlog backlog() {
        return jdbi.withHandle(h -> {
            long[] counts = new long[2];
            Instant[] oldest = new Instant[1];
            h.createQuery("SELECT state, COUNT(*), MIN(waiting_since) FROM callbacks WHERE state IN " + PENDING
                    + " GROUP BY state").map((rs, ctx) -> {
                        counts[rs.getString(1).equals("scheduled") ? 0 : 1] = rs.getLong(2);
                        Instant since = Instant.ofEpochMilli(rs.getLong(3));
                        oldest[0] = oldest[0] == null || since.isBefore(oldest[0]) ? since : oldest[0];
                        return since;
                    }).list();
            return new Backlog(counts[0], counts[1], oldest[0]);
        });
    }

    /** Whether the customer or the number is on the do-not-call list. */
    public boolean doNotCall(String e164, Long customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM do_not_call WHERE e164 = :e"
                        + " OR customer_id = :c").bind("e", e164).bind("c", customerId).mapTo(Integer.class).one() > 0
                || customerId != null && h.createQuery("SELECT COUNT(*) FROM customers WHERE id = :c AND do_not_call")
                        .bind("c", customerId).mapTo(Integer.class).one() > 0);
    }

    /** The customer a number belongs to, if exactly one has it. */
    public Optional<Long> customerOf(String e164) {
        List<Long> ids = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT customer_id FROM customer_phones"
                + " WHERE e164 = :e LIMIT 2").bind("e", e164).mapTo(Long.class).list());
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    /** A queue's virtual-hold offer settings in seconds; 0 turns that trigger off. */
    public record Offer(int afterSeconds, int estimateSeconds) {}

    /** The queues that offer callbacks, by name. */
    public java.util.Map<String, Offer> offers() {
        java.util.Map<String, Offer> out = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT name, vhold_offer_after_seconds, vhold_offer_estimate_seconds"
                + " FROM queues WHERE vhold_offer_after_seconds > 0 OR vhold_offer_estimate_seconds > 0")
                .map((rs, ctx) -> out.put(rs.getString(1), new Offer(rs.getInt(2), rs.getInt(3)))).list());
        return out;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Callback callback(ResultSet rs, StatementContext ctx) throws SQLException {
        long customer = rs.getLong("customer_id");
        Long customerId = rs.wasNull() ? null : customer;
        return new Callback(rs.getLong("id"), Coded.parse(CallbackSource.class, rs.getString("source"), "source"),
                rs.getString("pbx_id"), rs.getString("queue"), rs.getString("e164"), customerId,
                rs.getString("origin_linkedid"), rs.getString("language"),
                Instant.ofEpochMilli(rs.getLong("waiting_since")), rs.getString("state"),
                Instant.ofEpochMilli(rs.getLong("due_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                rs.getInt("attempts"), rs.getString("action_id"), rs.getString("last_outcome"),
                rs.getString("detail"), rs.getString("agent"), instant(rs, "answered_at"),
                instant(rs, "finished_at"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
