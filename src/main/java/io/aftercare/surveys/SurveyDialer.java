package io.aftercare.surveys;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.ami.OriginateRequest;
import io.aftercare.config.AftercareConfig;
import io.aftercare.surveys.Eligibility.Decision;
import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.events.PbxEvent.OriginateResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places due survey jobs through AMI Originate within the concurrency and calls-per-second caps, maps each
 * {@code OriginateResponse} Reason to an outcome, retries with backoff within the validity period, and times out
 * attempts Asterisk never answers (the job's lease). {@link #tick} and the result handling run on the one
 * {@code executor} given (never on asterisk-java's reader); not thread-safe otherwise.
 */
public final class SurveyDialer {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyDialer.class);

    /** Sends an Originate to one PBX; {@code AmiConnector::originate} in production. */
    @FunctionalInterface
    public interface Originator {
        CompletionStage<Void> originate(String pbxId, OriginateRequest request);

        /** Whether the PBX's AMI link is up now: while it is down a job is not attempted, so no attempt is spent. */
        default boolean linkUp(String pbxId) {
            return true;
        }

        /** Whether aftercare is configured with this PBX at all (a job may name one since removed). */
        default boolean knows(String pbxId) {
            return true;
        }

        /** The production originator: the connector's PBXs and their links. */
        static Originator of(io.aftercare.ami.AmiConnector connector) {
            return new Originator() {
                @Override
                public CompletionStage<Void> originate(String pbxId, OriginateRequest request) {
                    return connector.originate(pbxId, request);
                }

                @Override
                public boolean linkUp(String pbxId) {
                    return "connected".equals(connector.states().get(pbxId));
                }

                @Override
                public boolean knows(String pbxId) {
                    return connector.states().containsKey(pbxId);
                }
            };
        }
    }

    /** How long a job waits when its PBX's link is down before it is looked at again. */
    static final java.time.Duration LINK_DOWN_WAIT = java.time.Duration.ofMinutes(1);

    /** What an OriginateResponse Reason means for the job (as in ami-originate-survey.txt). */
    public enum Outcome {
        ANSWERED("answered", true), BUSY("busy", true), NO_ANSWER("no_answer", true), REJECTED("no_answer", true),
        CONGESTION("failed", true), FAILURE("failed", false), TIMEOUT("no_answer", true), ERROR("failed", true);

        final String finalState;
        final boolean retryable;

        Outcome(String finalState, boolean retryable) {
            this.finalState = finalState;
            this.retryable = retryable;
        }

        /**
         * 4 answered, 5 busy, 3 no answer, 1 rejected (the far end hung up before answering: declined, or a phone
         * switched off that the network answers for; tried again like busy), 8 congestion, 0 (and anything else)
         * failure: the PBX could not place the call at all (a missing context in ami-originate-survey.txt), which
         * retrying would not mend.
         */
        public static Outcome ofReason(int reason) {
            return switch (reason) {
                case 4 -> ANSWERED;
                case 1 -> REJECTED;
                case 5 -> BUSY;
                case 3 -> NO_ANSWER;
                case 8 -> CONGESTION;
                default -> FAILURE;
            };
        }

        /** The outcome's name in attempts' records and metrics: {@code no_answer}, {@code busy}, ... */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final SurveyJobDao dao;
    private final SurveyCallees callees;
    private final CallingWindow window;
    private final AftercareConfig.Surveys config;
    private final String defaultPbx;
    private final String owner;
    private final Originator originator;
    private final Executor executor;
    private final Clock clock;
    private final Consumer<Outcome> attempted;
    private long rateSecond = Long.MIN_VALUE;
    private int startedThisSecond;

    /**
     * @param owner this instance's lease name (unique per running instance)
     * @param attempted told each attempt's outcome, on {@code executor} (the metrics count them)
     */
    public SurveyDialer(SurveyJobDao dao, SurveyCallees callees, CallingWindow window, AftercareConfig.Surveys config,
                        String defaultPbx, String owner, Originator originator, Executor executor, Clock clock,
                        Consumer<Outcome> attempted) {
        this.dao = dao;
        this.callees = callees;
        this.window = window;
        this.config = config;
        this.defaultPbx = defaultPbx;
        this.owner = owner;
        this.originator = originator;
        this.executor = executor;
        this.clock = clock;
        this.attempted = attempted;
    }

    /**
     * For AmiConnector's originate listeners: hands a survey call's result to the dialer's executor and returns; any
     * other Originate's (another client's, a callback's) is not looked up.
     */
    public void onOriginateResult(OriginateResult result) {
        if (ContactKind.ofOriginateId(result.actionId()).filter(k -> k == ContactKind.SURVEY).isPresent()) {
            executor.execute(() -> handle(result));
        }
    }

    /** One round: expire, time out silent attempts, then claim and dial what the caps allow. Returns dials sent. */
    public int tick() {
        Instant now = clock.instant();
        dao.expire(now);
        for (SurveyJob job : dao.leaseExpired("dialing", now, config.batchSize())) {
            retryOrFinish(job, Outcome.TIMEOUT, "no OriginateResponse in time", now);
        }
        for (SurveyJob job : dao.leaseExpired("answered", now, config.batchSize())) {
            dao.finish(job.id(), "answered", "completed", null, "survey never reported its end", now);
        }
        long second = now.getEpochSecond();
        if (second != rateSecond) {
            rateSecond = second;
            startedThisSecond = 0;
        }
        int room = Math.min(config.maxConcurrent() - dao.inFlight(now), config.callsPerSecond() - startedThisSecond);
        room = Math.min(room, config.batchSize());
        if (room <= 0) {
            return 0;
        }
        int sent = 0;
        for (SurveyJob job : dao.claimDue(owner, now, leaseForDialing(now), room)) {
            if (dial(job, now)) {
                sent++;
            }
        }
        startedThisSecond += sent;
        return sent;
    }

    private Instant leaseForDialing(Instant now) {
        return now.plus(config.ringTimeout()).plus(config.responseGrace());
    }

    /** Checks eligibility and the window once more, then sends the Originate. */
    private boolean dial(SurveyJob job, Instant now) {
        Decision decision = Eligibility.decide(dao.facts(job.customerId(), job.e164()), now,
                config.minGap());
        if (!decision.eligible()) {
            String reason = decision.reason().name().toLowerCase(java.util.Locale.ROOT);
            dao.finish(job.id(), "dialing", decision.reason().optOut() ? "opted_out" : "expired", null, reason, now);
            return false;
        }
        CallingWindow.Callee callee = callees.of(job.e164(), dao.place(job.customerId()).orElse(null));
        if (!window.allows(callee, now)) {
            Optional<Instant> next = window.nextOpening(callee, now).filter(at -> at.isBefore(job.expiresAt()));
            if (next.isPresent()) {
                dao.reschedule(job.id(), "dialing", next.get(), null, "waiting for the calling window", now);
            } else {
                dao.finish(job.id(), "dialing", "expired", null, "no calling window before expiry", now);
            }
            return false;
        }
        // a job from a call on a PBX since removed from the configuration is placed through the default one
        String pbx = job.pbxId() == null || job.pbxId().isBlank() || !originator.knows(job.pbxId()) ? defaultPbx
                : job.pbxId();
        if (!originator.linkUp(pbx)) { // an Originate would only fail and spend one of the job's attempts
            Instant later = now.plus(LINK_DOWN_WAIT);
            if (later.isBefore(job.expiresAt())) {
                dao.reschedule(job.id(), "dialing", later, null, "PBX " + pbx + " not connected: not attempted", now);
            } else {
                dao.finish(job.id(), "dialing", "expired", null, "PBX " + pbx + " not connected until expiry", now);
            }
            return false;
        }
        int attempt = job.attempts() + 1;
        String actionId = ContactKind.SURVEY.originateId(job.id(), attempt);
        if (!dao.markDialing(job.id(), owner, actionId, leaseForDialing(now), now)) {
            return false;
        }
        OriginateRequest request = new OriginateRequest(actionId, channel(job.e164()), config.context(),
                config.exten(), 1, config.hotlineCallerId(), config.ringTimeout().toMillis(),
                Map.of(DialplanVariables.SURVEY_ID, Long.toString(job.id()), DialplanVariables.SURVEY_ATTEMPT,
                        Integer.toString(attempt)));
        CompletionStage<Void> sent;
        try {
            sent = originator.originate(pbx, request);
        } catch (RuntimeException e) {
            sent = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        sent.whenCompleteAsync((ok, error) -> {
            if (error != null) {
                dao.byActionId(actionId).filter(j -> j.state().equals("dialing")).ifPresent(j ->
                        retryOrFinish(j, Outcome.ERROR, "Originate refused: " + rootMessage(error), clock.instant()));
            }
        }, executor);
        return true;
    }

    /** {@code ${number}} is the E.164 number, {@code ${digits}} the same without '+'. */
    String channel(String e164) {
        return config.channelTemplate().replace("${number}", e164).replace("${digits}", e164.replace("+", ""));
    }

    private void handle(OriginateResult result) {
        Optional<SurveyJob> found = dao.byActionId(result.actionId());
        if (found.isEmpty() || !found.get().state().equals("dialing")) {
            return; // not ours, or late (our own timeout already counted the attempt)
        }
        Instant now = clock.instant();
        Outcome outcome = Outcome.ofReason(result.reasonCode());
        if (outcome == Outcome.ANSWERED) {
            attempted.accept(outcome);
            dao.markAnswered(result.actionId(), now.plus(config.surveyMax()), now);
        } else {
            retryOrFinish(found.get(), outcome, "Reason " + result.reasonCode(), now);
        }
    }

    private void retryOrFinish(SurveyJob job, Outcome outcome, String detail, Instant now) {
        attempted.accept(outcome);
        int attempts = Math.max(1, job.attempts());
        Instant retryAt = now.plus(config.retryBackoff().multipliedBy(attempts));
        if (outcome.retryable && attempts < config.maxAttempts() && retryAt.isBefore(job.expiresAt())) {
            dao.reschedule(job.id(), job.state(), retryAt, outcome.label(), detail, now);
        } else {
            dao.finish(job.id(), job.state(), outcome.finalState, outcome.label(), detail, now);
        }
        LOG.debug("survey job {} attempt {}: {} ({})", job.id(), attempts, outcome, detail);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** The jobs this dialer would claim next (for tests and the benchmark). */
    List<Long> nextDue(int limit) {
        return dao.nextDueIds(clock.instant(), limit);
    }
}
