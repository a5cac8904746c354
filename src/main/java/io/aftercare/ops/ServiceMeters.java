package io.aftercare.ops;

import io.aftercare.calls.CallRecordWriter;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.followups.FollowUpDao;
import io.aftercare.followups.FollowUpKind;
import io.aftercare.importer.ImportKind;
import io.aftercare.importer.ImportRun;
import io.aftercare.importer.ImportRunPoller;
import io.aftercare.routing.DecisionRecorder;
import io.aftercare.surveys.SurveyDialer;
import io.aftercare.webhooks.WebhookDispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Registers the service's own gauges and counters for {@code /metrics}: AMI links, the queues in front of call
 * tracking, the call-record writer and the routing-decision writer, survey dials by outcome, the SSE clients and
 * webhook deliveries, and the imports the CLI recorded. Every gauge reads a value that any thread may read without waiting. Thread-safe.
 */
public final class ServiceMeters {
    private ServiceMeters() {
    }

    /** The state each AMI link reports when it is up ({@code AmiConnector#states}). */
    static final String CONNECTED = "connected";

    /** {@code aftercare_ami_link_up{pbx}}: 1 while the link is connected, else 0; one per PBX {@code links} names. */
    public static void amiLinks(MeterRegistry registry, Supplier<Map<String, String>> links) {
        for (String pbx : links.get().keySet()) {
            Gauge.builder("aftercare_ami_link_up", () -> CONNECTED.equals(links.get().get(pbx)) ? 1 : 0)
                    .description("1 while the AMI link to the PBX is connected, else 0").tag("pbx", pbx)
                    .register(registry);
        }
    }

    /** Call tracking's queue and the call-record writer's backlog, spilled records and refusals. */
    public static void queues(MeterRegistry registry, CallTrackingService tracking, CallRecordWriter writer) {
        Gauge.builder("aftercare_tracking_queued", tracking, CallTrackingService::queued)
                .description("Events and questions waiting for the call-tracking thread").register(registry);
        Gauge.builder("aftercare_call_records_backlog", writer, CallRecordWriter::backlog)
                .description("Call records waiting to be stored, in memory and in the spill file").register(registry);
        FunctionCounter.builder("aftercare_call_records_spilled", writer, CallRecordWriter::spilled)
                .description("Call records that waited in the spill file because the database refused them")
                .register(registry);
        FunctionCounter.builder("aftercare_call_records_refusals", writer, CallRecordWriter::refusals)
                .description("Call-record transactions the database refused (each is tried again)")
                .register(registry);
    }

    /** The routing-decision writer: decisions waiting, refused batch transactions, decisions dropped. */
    public static void decisions(MeterRegistry registry, DecisionRecorder recorder) {
        Gauge.builder("aftercare_route_decisions_queued", recorder, DecisionRecorder::queued)
                .description("Routing decisions waiting to be written").register(registry);
        FunctionCounter.builder("aftercare_route_decisions_refusals", recorder, DecisionRecorder::refusals)
                .description("Routing-decision transactions the database refused (each is tried again)")
                .register(registry);
        FunctionCounter.builder("aftercare_route_decisions_dropped", recorder, DecisionRecorder::dropped)
                .description("Routing decisions never written (writer queue full, or refused for about 15 s)")
                .register(registry);
    }

    /** {@code aftercare_sse_clients{stream}}: open push streams of the agents' consoles and of the wallboards. */
    public static void sseClients(MeterRegistry registry, IntSupplier agentStreams, IntSupplier wallboardStreams) {
        sse(registry, "agent", agentStreams);
        sse(registry, "wallboard", wallboardStreams);
    }

    private static void sse(MeterRegistry registry, String stream, IntSupplier count) {
        Gauge.builder("aftercare_sse_clients", count::getAsInt).description("Open Server-Sent Events streams")
                .tag("stream", stream).register(registry);
    }

    /**
     * {@code aftercare_survey_dials_total{outcome}}: the listener to give the survey dialer. Every outcome is shown
     * from the start, at 0.
     */
    public static Consumer<SurveyDialer.Outcome> surveyDials(MeterRegistry registry) {
        return byOutcome(registry, SurveyDialer.Outcome.class, SurveyDialer.Outcome::label, "aftercare_survey_dials",
                "Survey dial attempts, by outcome (answered, busy, no_answer, rejected, ...)");
    }

    /**
     * {@code aftercare_webhook_deliveries_total{outcome}}: the listener to give the webhook dispatcher; each attempt
     * counts once, as delivered, retry (failed, tried again later) or failed (failed for good). All shown from 0.
     */
    public static Consumer<WebhookDispatcher.Outcome> webhookDeliveries(MeterRegistry registry) {
        return byOutcome(registry, WebhookDispatcher.Outcome.class, WebhookDispatcher.Outcome::label,
                "aftercare_webhook_deliveries", "Webhook delivery attempts, by outcome (delivered, retry, failed)");
    }

    /** A counter per outcome, each registered (at 0) from the start; the consumer counts one. */
    private static <E extends Enum<E>> Consumer<E> byOutcome(MeterRegistry registry, Class<E> type,
                                                             Function<E, String> label, String name,
                                                             String description) {
        Map<E, Counter> counters = new EnumMap<>(type);
        for (E outcome : type.getEnumConstants()) {
            counters.put(outcome, Counter.builder(name).description(description).tag("outcome", label.apply(outcome))
                    .register(registry));
        }
        return outcome -> counters.get(outcome).increment();
    }

    /**
     * {@code aftercare_follow_ups_open{kind}} (open and claimed follow-ups: voicemails and abandoned callers to call
     * back) and {@code aftercare_follow_ups_oldest_age_seconds{kind}} (how long the oldest has waited, 0 when none),
     * for every kind from the start, from the backlog the follow-ups module last read.
     */
    public static void followUps(MeterRegistry registry, Supplier<List<FollowUpDao.Backlog>> backlog, Clock clock) {
        for (FollowUpKind kind : FollowUpKind.values()) {
            Gauge.builder("aftercare_follow_ups_open", () -> backlog.get().stream().filter(b -> b.kind() == kind)
                            .mapToInt(FollowUpDao.Backlog::open).sum())
                    .description("Follow-ups (voicemails, abandoned callers) open or claimed, not done yet")
                    .tag("kind", kind.code()).register(registry);
            Gauge.builder("aftercare_follow_ups_oldest_age_seconds", () -> backlog.get().stream()
                            .filter(b -> b.kind() == kind).map(FollowUpDao.Backlog::oldest).min(Instant::compareTo)
                            .map(at -> Math.max(0, clock.millis() - at.toEpochMilli()) / 1000.0).orElse(0.0))
                    .description("How long the oldest open or claimed follow-up has waited, seconds (0: none)")
                    .tag("kind", kind.code()).register(registry);
        }
    }

    /**
     * Queue callbacks not done yet: {@code aftercare_callbacks_backlog{state="scheduled|queued"}} (waiting to be placed,
     * holding a place in the queue) and {@code aftercare_callbacks_oldest_wait_seconds}, how long the oldest of them has
     * waited since the caller first joined the queue (0 when none).
     */
    public static void callbacks(MeterRegistry registry, Supplier<io.aftercare.callbacks.CallbackDao.Backlog> backlog,
                                 java.time.Clock clock) {
        Gauge.builder("aftercare_callbacks_backlog", () -> backlog.get().scheduled()).tag("state", "scheduled")
                .description("Queue callbacks not done yet, by state").register(registry);
        Gauge.builder("aftercare_callbacks_backlog", () -> backlog.get().queued()).tag("state", "queued")
                .description("Queue callbacks not done yet, by state").register(registry);
        Gauge.builder("aftercare_callbacks_oldest_wait_seconds", () -> {
            java.time.Instant since = backlog.get().oldestWaitingSince();
            return since == null ? 0 : Math.max(0, java.time.Duration.between(since, clock.instant()).toSeconds());
        }).description("How long the oldest pending callback's caller has waited").register(registry);
    }

    /** {@code aftercare_webhook_pending}: deliveries waiting to be sent or tried again, as of the last poll. */
    public static void webhooksPending(MeterRegistry registry, LongSupplier pending) {
        Gauge.builder("aftercare_webhook_pending", pending::getAsLong)
                .description("Webhook deliveries pending (due or waiting for their next attempt)").register(registry);
    }

    /**
     * The imports of the last day as the poller last read them, for every kind from the start:
     * {@code aftercare_import_lines{kind,result="read|accepted|rejected"}} of the kind's latest run (0 without one),
     * {@code aftercare_import_running{kind}} (1 while a run is unfinished and updated within 2 minutes) and
     * {@code aftercare_import_last_finished_seconds{kind}} (epoch seconds, 0 without one).
     */
    public static void importRuns(MeterRegistry registry, Supplier<ImportRunPoller.Snapshot> runs) {
        for (ImportKind kind : ImportKind.values()) {
            String code = kind.code();
            importLines(registry, kind, "read", runs, ImportRun::linesRead);
            importLines(registry, kind, "accepted", runs, ImportRun::accepted);
            importLines(registry, kind, "rejected", runs, ImportRun::rejected);
            Gauge.builder("aftercare_import_running", () -> runs.get().running(kind) ? 1 : 0)
                    .description("1 while an import of the kind runs (unfinished, updated within 2 minutes), else 0")
                    .tag("kind", code).register(registry);
            Gauge.builder("aftercare_import_last_finished_seconds",
                            () -> runs.get().lastFinished(kind).map(at -> at.toEpochMilli() / 1000.0).orElse(0.0))
                    .description("When the kind's last import finished, epoch seconds (0: none in the last day)")
                    .tag("kind", code).register(registry);
        }
    }

    private static void importLines(MeterRegistry registry, ImportKind kind, String result,
                                    Supplier<ImportRunPoller.Snapshot> runs, ToLongFunction<ImportRun> count) {
        Gauge.builder("aftercare_import_lines", () -> runs.get().latest(kind).map(count::applyAsLong).orElse(0L))
                .description("Lines of the kind's latest import (last day): read, accepted, rejected")
                .tag("kind", kind.code()).tag("result", result).register(registry);
    }
}
