package io.aftercare.surveys;

import io.aftercare.config.AftercareConfig;
import io.aftercare.core.ValidationException;
import io.aftercare.dispositions.DispositionSaved;
import io.aftercare.surveys.Eligibility.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns triggers (a saved disposition whose reason asks for a survey, an after-sales event from another system)
 * into scheduled survey jobs, after the eligibility check and moved to the callee's next calling window; and
 * applies opt-outs at once to jobs already scheduled. Thread-safe (state lives in the database).
 */
public final class SurveyScheduler implements Consumer<DispositionSaved> {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyScheduler.class);
    /** The after-sales event types other systems may post. */
    public static final Set<String> AFTERSALES_TYPES = Set.of("order_delivered", "repair_completed", "refund_made");

    private final SurveyJobDao dao;
    private final SurveyCallees callees;
    private final CallingWindow window;
    private final AftercareConfig.Surveys config;
    private final Clock clock;

    public SurveyScheduler(SurveyJobDao dao, SurveyCallees callees, CallingWindow window,
                           AftercareConfig.Surveys config, Clock clock) {
        this.dao = dao;
        this.callees = callees;
        this.window = window;
        this.config = config;
        this.clock = clock;
    }

    /** What became of a trigger: the job, or why there is none. */
    public record Scheduled(Optional<Long> jobId, String reason, Instant dueAt) {}

    /** A disposition was saved: schedule its survey when its reason asks for one. Never throws. */
    @Override
    public void accept(DispositionSaved saved) {
        var d = saved.disposition();
        if (!config.enabled() || !saved.surveyWanted() || d.customerId() == null) {
            return;
        }
        try {
            Instant due = d.createdAt().plus(Duration.ofMinutes(saved.surveyDelayMinutes()));
            Scheduled s = schedule(new Trigger(d.customerId(), "disposition", d.caseId(), d.id(), d.pbxId(),
                    d.linkedId(), d.agent(), saved.queue()), due);
            LOG.debug("survey after disposition {}: {}", d.id(), s);
        } catch (RuntimeException e) {
            LOG.warn("survey for disposition {} not scheduled: {}", d.id(), e.toString());
        }
    }

    /** An after-sales event posted by another system ({@code POST /api/aftersales-events}). */
    public Scheduled onAftersalesEvent(String type, Long customerId, Long caseId) {
        if (type == null || !AFTERSALES_TYPES.contains(type)) {
            throw new ValidationException("type must be one of order_delivered, repair_completed, refund_made");
        }
        if (customerId == null) {
            throw new ValidationException("customerId is required");
        }
        if (!config.enabled()) {
            return new Scheduled(Optional.empty(), "surveys disabled", null);
        }
        return schedule(new Trigger(customerId, type, caseId, null, null, null, null, null),
                clock.instant().plus(config.aftersalesDelay()));
    }

    /** Puts a number or a customer on the do-not-call list; their scheduled jobs are opted out at once. */
    public int doNotCall(String e164, Long customerId, String source) {
        if ((e164 == null || e164.isBlank()) && customerId == null) {
            throw new ValidationException("give a number (e164) or a customerId");
        }
        return dao.addDoNotCall(e164 == null || e164.isBlank() ? null : e164, customerId, source, clock.instant());
    }

    private record Trigger(long customerId, String source, Long caseId, Long dispositionId, String pbxId,
                           String linkedId, String agent, String queue) {}

    private Scheduled schedule(Trigger t, Instant wantedAt) {
        Instant now = clock.instant();
        Optional<String> phone = dao.phoneOf(t.customerId());
        Decision decision = Eligibility.decide(dao.facts(t.customerId(), phone.orElse(null)), now,
                config.minGap());
        if (!decision.eligible()) {
            return new Scheduled(Optional.empty(), decision.reason().name().toLowerCase(java.util.Locale.ROOT), null);
        }
        if (dao.hasActiveJob(t.customerId())) {
            return new Scheduled(Optional.empty(), "already_scheduled", null);
        }
        var place = dao.place(t.customerId()).orElse(null);
        Instant earliest = wantedAt.isBefore(now) ? now : wantedAt;
        // valid for validity_hours from the earliest time it may be placed: a reason's delay may exceed the validity
        Instant expires = earliest.plus(config.validity());
        Optional<Instant> due = window.nextOpening(callees.of(phone.orElseThrow(), place), earliest)
                .filter(at -> at.isBefore(expires));
        if (due.isEmpty()) {
            return new Scheduled(Optional.empty(), "no_calling_window_before_expiry", null);
        }
        String language = place == null || place.language() == null ? "en" : place.language();
        long id = dao.insert(SurveyJob.scheduled(t.customerId(), phone.get(), t.source(), t.caseId(),
                t.dispositionId(), t.pbxId(), t.linkedId(), t.agent(), t.queue(), language, due.get(), expires), now);
        return new Scheduled(Optional.of(id), "scheduled", due.get());
    }
}
