package io.aftercare.surveys;

import io.aftercare.cases.CaseDao;
import io.aftercare.cases.CaseService;
import io.aftercare.customers.CustomerChanges;
import io.aftercare.webhooks.EventType;
import io.aftercare.webhooks.WebhookOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Hands an answered survey call its job (once per job: {@link SurveyJobDao#claimAnswered}), stores the answers
 * against it (and so the contact, agent, queue and case), opens a follow-up callback case for detractors in the
 * supervisors' queue, and computes CSAT, NPS and resolved rate per agent or queue from the stored answers.
 * Thread-safe.
 */
public final class SurveyResults {
    private final Jdbi jdbi;
    private final SurveyJobDao jobs;
    private final String supervisorQueue;
    private final Duration surveyMax;

    /** @param surveyMax how long a survey may run before the dialer's sweep ends its job ({@code surveys.survey_max}) */
    public SurveyResults(Jdbi jdbi, SurveyJobDao jobs, String supervisorQueue, Duration surveyMax) {
        this.jdbi = jdbi;
        this.jobs = jobs;
        this.supervisorQueue = supervisorQueue;
        this.surveyMax = surveyMax;
    }

    public Optional<SurveyJob> job(long id) {
        return jobs.find(id);
    }

    /**
     * The call of {@code attempt} (null when the dialplan did not say) was answered: the job, now taken by that
     * attempt for its survey, or empty when there is to be no survey on this call.
     */
    public Optional<SurveyJob> claim(long jobId, Integer attempt, Instant now) {
        return jobs.claimAnswered(jobId, attempt, now.plus(surveyMax), now);
    }

    /** Marks that {@code attempt}'s call (null: unknown) was answered after another attempt had taken the job. */
    public void superseded(long jobId, Integer attempt, Instant now) {
        jobs.noteSuperseded(jobId, attempt, now);
    }

    /** A survey's answers, as the {@code survey.answered} and {@code survey.detractor} webhook events give them. */
    public record Answered(long jobId, long customerId, Long caseId, Long dispositionId, String pbxId,
                           String linkedId, String agent, String queue, Integer csat, Integer nps, Boolean resolved,
                           boolean optedOut, Instant answeredAt) {
        static Answered of(SurveyJob job, SurveyAnswers a, Instant at) {
            return new Answered(job.id(), job.customerId(), job.caseId(), job.dispositionId(), job.pbxId(),
                    job.linkedId(), job.agent(), job.queue(), a.csat(), a.nps(), a.resolved(), a.optedOut(), at);
        }
    }

    /** The data of {@code survey.answered}. */
    public record AnsweredEvent(Answered survey) {}

    /** The data of {@code survey.detractor}: why, and the follow-up case opened for it. */
    public record DetractorEvent(Answered survey, String reason, long followupCaseId) {}

    /**
     * Stores the answers once per job, ends the job, and opens the detractor follow-up; raises the webhook events
     * {@code survey.answered}, and for a detractor {@code survey.detractor} and {@code case.opened}. {@code job} is the one
     * {@link #claim} returned: the job ends by that attempt whatever the dialer's lease sweep did meanwhile.
     */
    public void record(SurveyJob job, SurveyAnswers a, Instant now) {
        jdbi.useTransaction(h -> {
            int stored = h.createUpdate("INSERT INTO survey_answers (job_id, csat, nps, resolved, opted_out, answered_at)"
                            + " SELECT :j, :csat, :nps, :res, :out, :now WHERE NOT EXISTS"
                            + " (SELECT 1 FROM survey_answers WHERE job_id = :j)")
                    .bind("j", job.id()).bind("csat", a.csat()).bind("nps", a.nps()).bind("res", a.resolved())
                    .bind("out", a.optedOut()).bind("now", now.toEpochMilli()).execute();
            if (stored == 0) {
                return;
            }
            h.createUpdate("UPDATE survey_jobs SET state = :s, lease_owner = NULL, lease_until = NULL,"
                            + " answered_at = COALESCE(answered_at, :now), finished_at = :now, updated_at = :now"
                            + " WHERE id = :j AND answered_attempt = :n")
                    .bind("s", a.optedOut() ? "opted_out" : "completed").bind("now", now.toEpochMilli())
                    .bind("j", job.id()).bind("n", job.answeredAttempt()).execute();
            Answered answered = Answered.of(job, a, now);
            WebhookOutbox.append(h, EventType.SURVEY_ANSWERED, new AnsweredEvent(answered), now);
            Optional<String> why = a.detractorReason();
            if (why.isPresent() && !a.optedOut()) {
                long caseId = h.createQuery("INSERT INTO cases (customer_id, type, status, subject, opened_at,"
                                + " updated_at, assigned_queue) VALUES (:c, 'callback', 'open', :subject, :now, :now, :q)"
                                + " RETURNING id")
                        .bind("c", job.customerId()).bind("q", supervisorQueue).bind("now", now.toEpochMilli())
                        .bind("subject", "Survey detractor (" + why.get() + ")"
                                + (job.caseId() == null ? "" : " about case " + job.caseId())
                                + (job.agent() == null ? "" : ", agent " + job.agent()))
                        .mapTo(Long.class).one();
                h.createUpdate("UPDATE survey_answers SET followup_case_id = :case WHERE job_id = :j")
                        .bind("case", caseId).bind("j", job.id()).execute();
                CustomerChanges.changed(h, job.customerId(), now);
                WebhookOutbox.append(h, EventType.SURVEY_DETRACTOR, new DetractorEvent(answered, why.get(), caseId),
                        now);
                WebhookOutbox.append(h, EventType.CASE_OPENED,
                        new CaseService.Opened(h.attach(CaseDao.class).find(caseId).orElseThrow()), now);
            }
        });
    }

    /**
     * One group's figures: {@code csat} and {@code resolvedRate} are ratios 0-1, {@code nps} the score -100 to 100;
     * each null when nobody answered that question.
     */
    public record Row(String group, int surveys, Double csat, Double nps, Double resolvedRate) {}

    /**
     * CSAT (share of 4 and 5), NPS (% 9-10 minus % 0-6) and resolved rate per agent or queue in [from, to)
     * ({@link SurveyTally}); the group is "" for surveys that name none.
     */
    public List<Row> results(Instant from, Instant to, String groupBy) {
        String group = groupBy == null ? "queue" : groupBy;
        List<Row> rows = new java.util.ArrayList<>();
        SurveyTally.byGroup(answerCounts(from, to, group, List.of(), List.of())).forEach((g, t) -> rows.add(
                new Row(g, Math.toIntExact(t.surveys()), t.csat(), t.nps(), t.resolvedRate())));
        return rows;
    }

    /** How many surveys in a group gave one combination of answers (null: question skipped). */
    public record AnswerCount(String group, Integer csat, Integer nps, Boolean resolved, long count) {}

    /**
     * The answers received in [from, to), opt-outs left out, counted per group ({@code queue}, {@code agent}, or
     * null for one group "") and combination of answers; only surveys about these queues and agents (member
     * interfaces) when the lists are not empty.
     */
    public List<AnswerCount> answerCounts(Instant from, Instant to, String groupBy, List<String> queues,
                                          List<String> agents) {
        String group = groupBy == null ? "''" : switch (groupBy) {
            case "agent" -> "COALESCE(j.agent, '')";
            case "queue" -> "COALESCE(j.queue, '')";
            default -> throw new io.aftercare.core.ValidationException("groupBy must be agent or queue");
        };
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT " + group + " AS g, a.csat, a.nps, a.resolved, COUNT(*) AS n"
                            + " FROM survey_answers a JOIN survey_jobs j ON j.id = a.job_id"
                            + " WHERE a.answered_at >= :from AND a.answered_at < :to AND NOT a.opted_out"
                            + (queues.isEmpty() ? "" : " AND j.queue IN (<queues>)")
                            + (agents.isEmpty() ? "" : " AND j.agent IN (<agents>)")
                            + " GROUP BY " + (groupBy == null ? "" : group + ", ") + "a.csat, a.nps, a.resolved"
                            + " ORDER BY g")
                    .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli());
            if (!queues.isEmpty()) {
                query.bindList("queues", queues);
            }
            if (!agents.isEmpty()) {
                query.bindList("agents", agents);
            }
            return query.map((rs, ctx) -> {
                int csat = rs.getInt("csat");
                Integer c = rs.wasNull() ? null : csat;
                int nps = rs.getInt("nps");
                Integer n = rs.wasNull() ? null : nps;
                boolean resolved = rs.getBoolean("resolved");
                Boolean r = rs.wasNull() ? null : resolved;
                return new AnswerCount(rs.getString("g"), c, n, r, rs.getLong("n"));
            }).list();
        });
    }
}
