package io.aftercare.routing;

import io.aftercare.agi.AgiCall;
import io.aftercare.agi.AgiText;
import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.SafeAgiScript;
import io.aftercare.hours.AfterHoursBranch;
import io.aftercare.telephony.PhoneNumber;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code route} FastAGI script: reads the caller ID, decides with {@link RoutingService} on the lookup executor
 * within the route budget (else the fallback queue, logged), sets the dialplan variables and records the decision
 * in the background. Thread-safe: one instance serves every call.
 */
public final class RouteAgiScript extends SafeAgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(RouteAgiScript.class);
    private static final int MAX_CALLER_RAW = 64;

    private final RoutingService routing;
    private final AfterHoursBranch afterHours;
    private final Executor lookups;
    private final Duration budget;
    private final String pbxId;

    public RouteAgiScript(RoutingService routing, AfterHoursBranch afterHours, Executor lookups, Duration budget,
                          String pbxId) {
        super(routing.fallbackQueue());
        this.routing = routing;
        this.afterHours = afterHours;
        this.lookups = lookups;
        this.budget = budget;
        this.pbxId = pbxId;
    }

    @Override
    protected void run(AgiCall call, AgiChannel channel) throws AgiException {
        long started = System.nanoTime();
        Optional<PhoneNumber> caller = routing.readCaller(call.callerIdRaw());
        String hotline = RoutingService.hotline(call.dnid(), call.extension());
        CompletableFuture<Decision> lookup;
        try {
            lookup = CompletableFuture.supplyAsync(() -> routing.decide(routing.context(caller, call.language(), hotline)),
                    lookups);
        } catch (RuntimeException e) { // executor saturated or shut down
            lookup = CompletableFuture.failedFuture(e);
        }
        String linkedId = channel.getVariable(DialplanVariables.LINKEDID); // while the lookup runs
        Decision decision = await(lookup, call, started);
        setVariables(channel, decision);
        if (decision.ivrMenu().isEmpty() && !decision.fallback()) { // with a menu, the ivr script checks its queue
            afterHours.apply(channel, decision.queue(), decision.customerId(), caller.map(PhoneNumber::e164));
        }
        record(call, caller, linkedId, decision);
    }

    private Decision await(CompletableFuture<Decision> lookup, AgiCall call, long started) {
        long left = budget.toNanos() - (System.nanoTime() - started);
        try {
            return lookup.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(false);
            String reason = "routing lookup did not answer within " + budget.toMillis() + " ms (database slow or locked)";
            LOG.warn("uniqueid {}: {}; fallback queue {}", call.uniqueId(), reason, fallbackQueue());
            return Decision.fallback(fallbackQueue(), call.language(), reason);
        } catch (ExecutionException e) {
            String reason = "routing lookup failed: " + e.getCause();
            LOG.warn("uniqueid {}: {}; fallback queue {}", call.uniqueId(), reason, fallbackQueue());
            return Decision.fallback(fallbackQueue(), call.language(), reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.fallback(fallbackQueue(), call.language(), "interrupted while routing");
        }
    }

    private static void setVariables(AgiChannel channel, Decision d) throws AgiException {
        set(channel, DialplanVariables.QUEUE, d.queue());
        set(channel, DialplanVariables.QUEUE_PRIO, Integer.toString(d.priority()));
        if (d.language().matches("[a-z]{2,3}(_[A-Z]{2})?")) {
            set(channel, DialplanVariables.LANGUAGE, d.language());
        }
        if (d.preferredAgent().isPresent()) {
            set(channel, DialplanVariables.PREFERRED_AGENT, d.preferredAgent().get());
            set(channel, DialplanVariables.PREFERRED_WAIT, Integer.toString(d.preferredWaitSeconds()));
        }
        if (d.customerId().isPresent()) {
            set(channel, DialplanVariables.CUSTOMER_ID, d.customerId().get().toString());
        }
        if (d.caseId().isPresent()) {
            set(channel, DialplanVariables.CASE_ID, d.caseId().get().toString());
        }
        if (d.ivrMenu().isPresent()) {
            set(channel, DialplanVariables.IVR_MENU, d.ivrMenu().get());
        }
        set(channel, DialplanVariables.RULE, d.ruleName());
        set(channel, DialplanVariables.ROUTE_STATUS, d.fallback() ? "fallback" : "ok");
    }

    private void record(AgiCall call, Optional<PhoneNumber> caller, String linkedId, Decision d) {
        RecordedDecision row = new RecordedDecision(0, call.uniqueId(), linkedId == null ? null : AgiText.printable(linkedId, 64),
                pbxId, AgiText.printable(call.callerIdRaw(), MAX_CALLER_RAW), caller.map(PhoneNumber::e164).orElse(null),
                call.dnid(), d.customerId().orElse(null), d.caseId().orElse(null), d.ruleId().orElse(null),
                d.ruleName(), d.queue(), d.priority(), d.ivrMenu().orElse(null), d.preferredAgent().orElse(null),
                d.fallback(), d.reason(), routing.clock().instant());
        routing.record(row); // queued for the batch writer
    }
}
