package io.aftercare.callbacks;

import io.aftercare.agi.AgiCall;
import io.aftercare.agi.AgiCommands;
import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.SafeSetVariable;
import io.aftercare.telephony.events.PbxEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.command.SayNumberCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI {@code vhold} script, run for a caller aftercare took out of the queue for the callback offer
 * ({@code AGI(agi://${AC_AGI}/vhold,${CHANNEL(linkedid)},${AC_QUEUE_ENTERED})} with QUEUE set): says the estimated
 * wait when known ("about N minutes"), offers "press 1 to be called back, keeping your place", and on 1 registers
 * the callback with the caller's number and the time they began to wait, tells call tracking (the call ends as a
 * callback, not an abandon) and sets {@code AC_VHOLD_RESULT=callback}; otherwise {@code stay}, or {@code refused}
 * when no callback can be registered (the number cannot be called, or one is pending for it). Thread-safe: one
 * instance serves every call.
 */
public final class VholdAgiScript implements AgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(VholdAgiScript.class);
    static final String ESTIMATE = "aftercare/vhold-estimate";
    static final String MINUTES = "aftercare/vhold-minutes";
    static final String OFFER = "aftercare/vhold-offer";
    /** Every prompt the script plays, in the channel's language (dialplan/sounds/<language>/aftercare/). */
    public static final java.util.List<String> PROMPTS = java.util.List.of(ESTIMATE, MINUTES, OFFER);
    static final int TIMEOUT_MS = 5000;

    private final CallbackRequests callbacks;
    private final Function<String, Optional<Duration>> estimate;
    private final Consumer<PbxEvent> tracking;
    private final String pbxId;
    private final Clock clock;

    public VholdAgiScript(CallbackRequests callbacks, Function<String, Optional<Duration>> estimate,
                          Consumer<PbxEvent> tracking, String pbxId, Clock clock) {
        this.callbacks = callbacks;
        this.estimate = estimate;
        this.tracking = tracking;
        this.pbxId = pbxId;
        this.clock = clock;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        AgiCall call = AgiCall.of(request);
        try {
            run(call, request, channel);
        } catch (AgiHangupException e) {
            LOG.debug("caller hung up during the callback offer (uniqueid {})", call.uniqueId());
        } catch (AgiException | RuntimeException e) {
            LOG.warn("callback offer failed for uniqueid {}: {}", call.uniqueId(), e.toString());
            try {
                set(channel, "refused");
            } catch (AgiException | RuntimeException f) {
                LOG.debug("no result set for uniqueid {}: {}", call.uniqueId(), f.toString());
            }
        }
    }

    private void run(AgiCall call, AgiRequest request, AgiChannel channel) throws AgiException {
        String queue = channel.getVariable(DialplanVariables.QUEUE);
        String linkedId = call.firstArgument().isEmpty() ? call.uniqueId() : call.firstArgument();
        if (queue == null || !queue.matches("[A-Za-z0-9_.-]{1,64}") || call.callerIdRaw().isEmpty()) {
            set(channel, "refused");
            return;
        }
        Optional<Duration> wait = estimate.apply(queue);
        if (wait.isPresent()) {
            long minutes = Math.max(1, (wait.get().toSeconds() + 30) / 60);
            channel.sendCommand(AgiCommands.streamFile(ESTIMATE));
            channel.sendCommand(new SayNumberCommand(Long.toString(minutes)));
            channel.sendCommand(AgiCommands.streamFile(MINUTES));
        }
        String digit = channel.sendCommand(AgiCommands.getData(OFFER, TIMEOUT_MS, 1)).getResult();
        if (!"1".equals(digit)) {
            set(channel, "stay");
            return;
        }
        Instant now = clock.instant();
        Instant since = entered(request, now);
        String language = call.language().isEmpty() ? "en" : call.language();
        Optional<Long> id = callbacks.request(new CallbackRequest(CallbackSource.VIRTUAL_HOLD, pbxId, queue,
                call.callerIdRaw(), null, linkedId, since, language));
        if (id.isEmpty()) {
            set(channel, "refused");
            return;
        }
        tracking.accept(new PbxEvent.CallbackTaken(pbxId, now, linkedId, call.uniqueId(), id.get()));
        set(channel, "callback");
    }

    /** The second argument, the epoch second the caller first joined the queue; now when absent or odd. */
    private static Instant entered(AgiRequest request, Instant now) {
        Map<String, String> env = request.getRequest();
        String raw = env == null ? null : env.getOrDefault("arg_2", env.get("agi_arg_2"));
        if (raw != null && raw.matches("[0-9]{9,11}")) {
            Instant at = Instant.ofEpochSecond(Long.parseLong(raw));
            return at.isAfter(now) || at.isBefore(now.minus(Duration.ofDays(1))) ? now : at;
        }
        return now;
    }

    private static void set(AgiChannel channel, String result) throws AgiException {
        channel.sendCommand(new SafeSetVariable(DialplanVariables.VHOLD_RESULT, result));
    }
}
