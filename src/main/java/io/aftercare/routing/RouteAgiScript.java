package io.aftercare.routing;

import io.aftercare.agi.AgiCall;
import io.aftercare.agi.AgiText;
import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.SafeAgiScript;
import io.aftercare.agi.PackedRoute;
import io.aftercare.hours.AfterHours;
import io.aftercare.hours.AfterHoursBranch;
import io.aftercare.telephony.PhoneNumber;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code route} FastAGI script: reads the caller ID, decides with {@link RoutingService}, on the AGI thread
 * when the caller's context is in memory, else on the lookup executor within the route budget (else the fallback
 * queue, logged), answers with every dialplan variable packed into one
 * ({@link PackedRoute}) and records the decision in the background. A preferred agent is named only when free now,
 * and call tracking hears of their ring before Asterisk does. Thread-safe: one instance serves every call.
 */
public final class RouteAgiScript extends SafeAgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(RouteAgiScript.class);
    private static final int MAX_CALLER_RAW = 64;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

    private final RoutingService routing;
    private final AfterHoursBranch afterHours;
    private final Executor lookups;
    private final Duration budget;
    private final String pbxId;
    private final RouteObserver observer;

    public RouteAgiScript(RoutingService routing, AfterHoursBranch afterHours, Executor lookups, Duration budget,
                          String pbxId, RouteObserver observer) {
        super(routing.fallbackQueue());
        this.routing = routing;
        this.afterHours = afterHours;
        this.lookups = lookups;
        this.budget = budget;
        this.pbxId = pbxId;
        this.observer = observer;
    }

    @Override
    protected void run(AgiCall call, AgiChannel channel) throws AgiException {
        long started = System.nanoTime();
        Optional<PhoneNumber> caller = routing.readCaller(call.callerIdRaw());
        String hotline = RoutingService.hotline(call.dnid(), call.extension());
        Optional<RoutingContext> inMemory = routing.contextInMemory(caller, call.language(), hotline);
        CompletableFuture<Decision> lookup;
        try { // a known caller in the directory, or a withheld one: no read, no thread hop
            lookup = inMemory.isPresent() ? CompletableFuture.completedFuture(routing.decide(inMemory.get()))
                    : CompletableFuture.supplyAsync(() -> routing.decide(routing.context(caller, call.language(),
                            hotline)), lookups);
        } catch (RuntimeException e) { // a rule that throws, or the executor saturated or shut down
            lookup = CompletableFuture.failedFuture(e);
        }
        String linkedId = call.firstArgument().isEmpty()
                ? channel.getVariable(DialplanVariables.LINKEDID) // a dialplan that does not pass it; while the lookup runs
                : call.firstArgument();
        Awaited awaited = await(lookup, call, started);
        Decision decision = awaited.decision();
        Optional<AfterHours> closed = decision.ivrMenu().isEmpty() // with a menu, the ivr script checks
                ? afterHours.branch(decision.queue(), decision.customerId(), caller.map(PhoneNumber::e164),
                        budget.minusNanos(System.nanoTime() - started))
                : Optional.empty();
        if (closed.isEmpty() && linkedId != null && !linkedId.isEmpty()) {
            routing.ringsFirst(linkedId, decision); // before the PBX hears it, so before the ring's events
        }
        set(channel, DialplanVariables.ROUTE, PackedRoute.pack(variables(decision, closed)));
        observer.routed(awaited.result(), System.nanoTime() - started);
        record(call, caller, linkedId, decision);
    }

    /**
     * A failure anywhere still answers in the packed variable the dialplan unpacks, with the fallback queue's
     * after-hours branch when it is closed (hours are in memory; no case: the caller is not known here).
     */
    @Override
    protected void fallback(AgiChannel channel) throws AgiException {
        Optional<AfterHours> closed;
        try {
            closed = afterHours.branch(fallbackQueue(), Optional.empty(), Optional.empty(), Duration.ZERO);
        } catch (RuntimeException e) {
            closed = Optional.empty();
        }
        set(channel, DialplanVariables.ROUTE, PackedRoute.pack(variables(
                Decision.fallback(fallbackQueue(), "", "the route script failed"), closed)));
        observer.routed(RouteResult.SCRIPT_FAILED, -1);
    }

    /** A decision and how it was reached. */
    private record Awaited(Decision decision, RouteResult result) {}

    private Awaited await(CompletableFuture<Decision> lookup, AgiCall call, long started) {
        long left = budget.toNanos() - (System.nanoTime() - started);
        try {
            return new Awaited(lookup.get(Math.max(0, left), TimeUnit.NANOSECONDS), RouteResult.OK);
        } catch (TimeoutException e) {
            lookup.cancel(false);
            return fellBack(call, RouteResult.LOOKUP_TIMEOUT, "routing lookup did not answer within "
                    + budget.toMillis() + " ms (database slow or locked)");
        } catch (ExecutionException e) {
            return fellBack(call, RouteResult.LOOKUP_FAILED, "routing lookup failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fellBack(call, RouteResult.LOOKUP_FAILED, "interrupted while routing");
        }
    }

    private Awaited fellBack(AgiCall call, RouteResult cause, String reason) {
        LOG.warn("uniqueid {}: {}; fallback queue {}", call.uniqueId(), reason, fallbackQueue());
        return new Awaited(Decision.fallback(fallbackQueue(), call.language(), reason), cause);
    }

    /** The dialplan variables of a decision, by name; the ones it leaves unset are absent. */
    static Map<String, String> variables(Decision d, Optional<AfterHours> closed) {
        Map<String, String> v = new HashMap<>();
        v.put(DialplanVariables.QUEUE, d.queue());
        v.put(DialplanVariables.QUEUE_PRIO, Integer.toString(d.priority()));
        if (LANGUAGE.matcher(d.language()).matches()) {
            v.put(DialplanVariables.LANGUAGE, d.language());
        }
        d.preferredAgent().ifPresent(agent -> {
            v.put(DialplanVariables.PREFERRED_AGENT, agent);
            v.put(DialplanVariables.PREFERRED_WAIT, Integer.toString(d.preferredWaitSeconds()));
        });
        d.customerId().ifPresent(id -> v.put(DialplanVariables.CUSTOMER_ID, id.toString()));
        d.caseId().ifPresent(id -> v.put(DialplanVariables.CASE_ID, id.toString()));
        d.ivrMenu().ifPresent(menu -> v.put(DialplanVariables.IVR_MENU, menu));
        v.put(DialplanVariables.RULE, d.ruleName());
        v.put(DialplanVariables.ROUTE_STATUS, d.fallback() ? "fallback" : "ok");
        closed.ifPresent(branch -> {
            v.put(DialplanVariables.AFTER_HOURS, "1");
            v.put(DialplanVariables.AFTER_HOURS_ACTION, branch.action().code());
            v.put(DialplanVariables.NEXT_OPENING, branch.nextOpeningText());
        });
        return v;
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
