package io.aftercare.surveys;

import io.aftercare.surveys.Eligibility.Facts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Survey jobs, the do-not-call list and the facts eligibility needs, in SQL that runs on SQLite and PostgreSQL.
 * Every state change is a conditional UPDATE on the expected state, so two instances (or a restarted one)
 * never both act on a job. Thread-safe (each call takes its own handle).
 */
public final class SurveyJobDao {
    static final String COLUMNS = "id, customer_id, e164, source, case_id, disposition_id, pbx_id, linkedid, agent,"
            + " queue, language, state, due_at, expires_at, attempts, action_id, last_outcome, detail, answered_attempt";
    /** The states an answered call may take a job from: still open, or ended by a timeout or outcome it belies. */
    private static final String ANSWERABLE = "('scheduled', 'dialing', 'answered', 'busy', 'no_answer', 'failed')";

    private final Jdbi jdbi;

    public SurveyJobDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long insert(SurveyJob j, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO survey_jobs (customer_id, e164, source, case_id,"
                        + " disposition_id, pbx_id, linkedid, agent, queue, language, state, due_at, expires_at,"
                        + " created_at, updated_at) VALUES (:c, :e, :s, :case, :d, :p, :l, :a, :q, :lang, 'scheduled',"
                        + " :due, :exp, :now, :now) RETURNING id")
                .bind("c", j.customerId()).bind("e", j.e164()).bind("s", j.source()).bind("case", j.caseId())
                .bind("d", j.dispositionId()).bind("p", j.pbxId()).bind("l", j.linkedId()).bind("a", j.agent())
                .bind("q", j.queue()).bind("lang", j.language()).bind("due", j.dueAt().toEpochMilli())
                .bind("exp", j.expiresAt().toEpochMilli()).bind("now", now.toEpochMilli())
                .mapTo(Long.class).one());
    }

    public Optional<SurveyJob> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM survey_jobs WHERE id = :id")
                .bind("id", id).map(SurveyJobDao::job).findOne());
    }

    public Optional<SurveyJob> byActionId(String actionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM survey_jobs WHERE action_id = :a")
                .bind("a", actionId).map(SurveyJobDao::job).findOne());
    }

    /**
     * Claims at most {@code limit} due jobs for {@code owner} until {@code leaseUntil}: state scheduled becomes
     * dialing in one statement, and a row another claimer took first no longer matches {@code state = 'scheduled'}.
     */
    public List<SurveyJob> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        long t = now.toEpochMilli();
        return jdbi.withHandle(h -> h.createQuery("UPDATE survey_jobs SET state = 'dialing', lease_owner = :o,"
                        + " lease_until = :until, updated_at = :now WHERE id IN (SELECT id FROM survey_jobs"
                        + " WHERE state = 'scheduled' AND due_at <= :now AND (lease_until IS NULL OR lease_until < :now)"
                        + " ORDER BY due_at LIMIT :limit) AND state = 'scheduled' RETURNING " + COLUMNS)
                .bind("o", owner).bind("until", leaseUntil.toEpochMilli()).bind("now", t).bind("limit", limit)
                .map(SurveyJobDao::job).list());
    }

    /** The ids of the next due batch, as the dialer's claim selects them (for the benchmark). */
    public List<Long> nextDueIds(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM survey_jobs WHERE state = 'scheduled'"
                        + " AND due_at <= :now AND (lease_until IS NULL OR lease_until < :now) ORDER BY due_at LIMIT :limit")
                .bind("now", now.toEpochMilli()).bind("limit", limit).mapTo(Long.class).list());
    }

    /** Records the Originate about to be sent; false when the job is no longer ours in state dialing. */
    public boolean markDialing(long id, String owner, String actionId, Instant leaseUntil, Instant now) {
        return update("UPDATE survey_jobs SET action_id = :a, attempts = attempts + 1, lease_until = :until,"
                + " updated_at = :now WHERE id = :id AND state = 'dialing' AND lease_owner = :o", h -> h
                .bind("a", actionId).bind("until", leaseUntil.toEpochMilli()).bind("now", now.toEpochMilli())
                .bind("id", id).bind("o", owner));
    }

    /** The callee answered: the job stays leased while the survey runs. */
    public boolean markAnswered(String actionId, Instant leaseUntil, Instant now) {
        return update("UPDATE survey_jobs SET state = 'answered', last_outcome = 'answered', answered_at = :now,"
                + " lease_until = :until, updated_at = :now WHERE action_id = :a AND state = 'dialing'", h -> h
                .bind("a", actionId).bind("until", leaseUntil.toEpochMilli()).bind("now", now.toEpochMilli()));
    }

    /**
     * The call of attempt {@code attempt} (null: the job's latest) was answered and its survey starts: that attempt
     * takes the job, whatever its lease and the dialer did since (a timeout, a reschedule, a later attempt ringing).
     * One statement: only the first answered attempt finds {@code answered_attempt} still NULL, and a job no longer
     * scheduled is never claimed for dialing again, so a pending retry is cancelled. Empty when the job is unknown,
     * was taken already, ended otherwise (completed, opted out, expired) or never placed that attempt.
     */
    public Optional<SurveyJob> claimAnswered(long id, Integer attempt, Instant leaseUntil, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE survey_jobs SET state = 'answered',"
                        + " answered_attempt = COALESCE(:n, attempts), last_outcome = 'answered',"
                        + " answered_at = COALESCE(answered_at, :now), lease_owner = NULL, lease_until = :until,"
                        + " finished_at = NULL, detail = 'survey answered on attempt ' || COALESCE(:n, attempts),"
                        + " updated_at = :now WHERE id = :id AND answered_attempt IS NULL"
                        + " AND COALESCE(:n, attempts) BETWEEN 1 AND attempts AND state IN " + ANSWERABLE
                        + " RETURNING " + COLUMNS)
                .bind("n", attempt).bind("until", leaseUntil.toEpochMilli()).bind("now", now.toEpochMilli())
                .bind("id", id).map(SurveyJobDao::job).findOne());
    }

    /** Notes on the job that another attempt's call (null: unknown) was answered too and heard no survey. */
    public void noteSuperseded(long id, Integer attempt, Instant now) {
        String call = attempt == null ? "another call" : "attempt " + attempt;
        update("UPDATE survey_jobs SET detail = detail || :note, updated_at = :now WHERE id = :id", h -> h
                .bind("note", "; " + call + " answered too, not surveyed").bind("now", now.toEpochMilli())
                .bind("id", id));
    }

    /** Back to scheduled (a retry or a window wait), lease released. */
    public boolean reschedule(long id, String fromState, Instant due, String outcome, String detail, Instant now) {
        return update("UPDATE survey_jobs SET state = 'scheduled', due_at = :due, lease_owner = NULL,"
                + " lease_until = NULL, last_outcome = COALESCE(:out, last_outcome), detail = :d, updated_at = :now"
                + " WHERE id = :id AND state = :from", h -> h.bind("due", due.toEpochMilli()).bind("out", outcome)
                .bind("d", detail).bind("now", now.toEpochMilli()).bind("id", id).bind("from", fromState));
    }

    /** Ends a job in a final state, if it is still in {@code fromState}. */
    public boolean finish(long id, String fromState, String state, String outcome, String detail, Instant now) {
        return update("UPDATE survey_jobs SET state = :s, lease_owner = NULL, lease_until = NULL,"
                + " last_outcome = COALESCE(:out, last_outcome), detail = :d, finished_at = :now, updated_at = :now"
                + " WHERE id = :id AND state = :from", h -> h.bind("s", state).bind("out", outcome).bind("d", detail)
                .bind("now", now.toEpochMilli()).bind("id", id).bind("from", fromState));
    }

    /** Scheduled jobs past their validity become expired; returns how many. */
    public int expire(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE survey_jobs SET state = 'expired', detail = 'validity period over',"
                + " finished_at = :now, updated_at = :now WHERE state = 'scheduled'"
                + " AND expires_at < :now").bind("now", now.toEpochMilli()).execute());
    }

    /** Jobs in {@code state} whose lease ran out (no OriginateResponse, or a survey that never ended). */
    public List<SurveyJob> leaseExpired(String state, Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM survey_jobs WHERE state = :s"
                        + " AND lease_until < :now ORDER BY lease_until LIMIT :limit")
                .bind("s", state).bind("now", now.toEpochMilli()).bind("limit", limit)
                .map(SurveyJobDao::job).list());
    }

    /** Calls ringing or in a survey, across all instances (their leases are live). */
    public int inFlight(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM survey_jobs WHERE state IN ('dialing',"
                + " 'answered') AND lease_until >= :now").bind("now", now.toEpochMilli()).mapTo(Integer.class).one());
    }

    public boolean hasActiveJob(long customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM survey_jobs WHERE customer_id = :c"
                        + " AND state IN ('scheduled', 'dialing', 'answered')").bind("c", customerId)
                .mapTo(Integer.class).one()) > 0;
    }

    /** Adds a do-not-call entry and opts out every scheduled job of that number or customer; returns those jobs. */
    public int addDoNotCall(String e164, Long customerId, String source, Instant now) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO do_not_call (e164, customer_id, source, created_at) VALUES (:e, :c, :s, :now)")
                    .bind("e", e164).bind("c", customerId).bind("s", source).bind("now", now.toEpochMilli()).execute();
            return h.createUpdate("UPDATE survey_jobs SET state = 'opted_out', detail = 'do-not-call (' || :s || ')',"
                            + " lease_owner = NULL, lease_until = NULL, finished_at = :now, updated_at = :now"
                            + " WHERE state = 'scheduled' AND (e164 = :e OR customer_id = :c)")
                    .bind("e", e164).bind("c", customerId).bind("s", source).bind("now", now.toEpochMilli())
                    .execute();
        });
    }

    /**
     * What {@link Eligibility} needs about this customer and number now. The last survey counts every job of the
     * customer, the one about to be dialed included: an attempt of it answered earlier reached the customer.
     */
    public Facts facts(long customerId, String e164) {
        return jdbi.withHandle(h -> {
            var customer = h.createQuery("SELECT survey_consent, do_not_call FROM customers WHERE id = :c")
                    .bind("c", customerId).map((rs, ctx) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)})
                    .findOne();
            if (customer.isEmpty()) {
                return new Facts(false, false, false, false, false, Optional.empty());
            }
            boolean numberDnc = count(h, "SELECT COUNT(*) FROM do_not_call WHERE e164 = :e", "e", e164) > 0;
            boolean customerDnc = customer.get()[1]
                    || count(h, "SELECT COUNT(*) FROM do_not_call WHERE customer_id = :c", "c", customerId) > 0;
            boolean complaint = count(h, "SELECT COUNT(*) FROM cases WHERE customer_id = :c AND type = 'complaint'"
                    + " AND status IN ('open', 'in_progress', 'waiting_customer')", "c", customerId) > 0;
            // answers count too: a job left open by a version before V16 has them but no answered_at
            Optional<Instant> last = h.createQuery("SELECT MAX(at) FROM (SELECT answered_at AS at FROM survey_jobs"
                            + " WHERE customer_id = :c UNION ALL SELECT a.answered_at FROM survey_answers a"
                            + " JOIN survey_jobs j ON j.id = a.job_id WHERE j.customer_id = :c) reached")
                    .bind("c", customerId).mapTo(Long.class).findOne().map(Instant::ofEpochMilli);
            return new Facts(e164 != null && !e164.isBlank(), numberDnc, customerDnc, customer.get()[0], complaint,
                    last);
        });
    }

    /** The customer's country, time zone and language (each may be null). */
    public record CustomerPlace(String country, String timeZone, String language) {}

    public Optional<CustomerPlace> place(long customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT country, time_zone, language FROM customers WHERE id = :c")
                .bind("c", customerId).map((rs, ctx) -> new CustomerPlace(rs.getString(1), rs.getString(2),
                        rs.getString(3))).findOne());
    }

    /** The number to survey a customer on: a mobile first, then any. */
    public Optional<String> phoneOf(long customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT e164 FROM customer_phones WHERE customer_id = :c"
                        + " ORDER BY CASE kind WHEN 'mobile' THEN 0 ELSE 1 END, created_at LIMIT 1")
                .bind("c", customerId).mapTo(String.class).findOne());
    }

    private static int count(Handle h, String sql, String name, Object value) {
        return h.createQuery(sql).bind(name, value).mapTo(Integer.class).one();
    }

    private boolean update(String sql, java.util.function.UnaryOperator<org.jdbi.v3.core.statement.Update> binds) {
        return jdbi.withHandle(h -> binds.apply(h.createUpdate(sql)).execute()) > 0;
    }

    static SurveyJob job(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SurveyJob(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("e164"),
                rs.getString("source"), nullableLong(rs, "case_id"), nullableLong(rs, "disposition_id"),
                rs.getString("pbx_id"), rs.getString("linkedid"), rs.getString("agent"), rs.getString("queue"),
                rs.getString("language"), rs.getString("state"), Instant.ofEpochMilli(rs.getLong("due_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getInt("attempts"), rs.getString("action_id"),
                rs.getString("last_outcome"), rs.getString("detail"), nullableInt(rs, "answered_attempt"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
