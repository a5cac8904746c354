package io.aftercare.surveys;

import io.aftercare.core.ValidationException;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.web.DateRange;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** HTTP routes of after-sales events (survey triggers), the do-not-call list and survey results. Stateless. */
public final class SurveyRoutes {
    private SurveyRoutes() {}

    /** An event from another system that may deserve a survey. */
    public record AftersalesEvent(String type, Long customerId, Long caseId) {}

    /** What became of a trigger, as JSON: the job id (null when none) and why. */
    public record ScheduledView(Long jobId, String reason, Instant dueAt) {}

    /** A do-not-call entry: a number (any format), a customer, or both. */
    public record DoNotCall(String number, Long customerId) {}

    public static void mount(Router router, Handlers handlers, SurveysModule surveys, PhoneNumbers phones) {
        router.post("/api/aftersales-events").handler(handlers.created(ctx -> {
            AftersalesEvent event = Handlers.body(ctx, AftersalesEvent.class);
            if (event.type() == null || event.customerId() == null) {
                throw new ValidationException("type and customerId are required");
            }
            var scheduled = surveys.scheduler().onAftersalesEvent(event.type(), event.customerId(), event.caseId());
            return new ScheduledView(scheduled.jobId().orElse(null), scheduled.reason(), scheduled.dueAt());
        }));
        router.post("/api/do-not-call").handler(handlers.created(ctx -> {
            DoNotCall entry = Handlers.body(ctx, DoNotCall.class);
            String e164 = entry.number() == null || entry.number().isBlank() ? null : phones.parse(entry.number()).e164();
            int optedOut = surveys.scheduler().doNotCall(e164, entry.customerId(), "api");
            return Map.of("number", e164 == null ? "" : e164, "jobsOptedOut", optedOut);
        }));
        router.get("/api/surveys/results").handler(handlers.json(ctx -> {
            DateRange range = DateRange.of(ctx, ZoneOffset.UTC);
            return surveys.results().results(range.from(), range.to(), Handlers.query(ctx, "groupBy").orElse("queue"));
        }));
    }
}
