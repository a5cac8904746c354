package io.aftercare.controls;

import io.aftercare.calls.CallTracker;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.core.ConflictException;
import io.aftercare.telephony.PbxRefusedException;
import io.aftercare.telephony.PbxUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Waits, on a worker thread, for call tracking's answers and the PBX's, each within its time limit, and turns a
 * refusal into a {@link ConflictException} that quotes Asterisk and says what it usually means here; a PBX that
 * cannot be asked or does not answer in time is a {@link PbxUnavailableException}. Thread-safe.
 */
public final class PbxAnswers {
    private final Duration pbxTimeout;
    private final Duration trackingTimeout;

    public PbxAnswers(Duration pbxTimeout, Duration trackingTimeout) {
        this.pbxTimeout = pbxTimeout;
        this.trackingTimeout = trackingTimeout;
    }

    /** Runs {@code question} on the tracking thread and waits for its answer. */
    public <T> T ask(CallTrackingService tracking, Function<CallTracker, T> question) {
        try {
            return tracking.ask(question).get(trackingTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking call tracking", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("call tracking did not answer: " + e, e);
        }
    }

    /** Asterisk's {@code Message} for {@code action} on {@code channel}, once it answered Success. */
    public String await(String pbxId, String action, String channel, CompletionStage<String> sent) {
        try {
            return sent.toCompletableFuture().get(pbxTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PbxUnavailableException("interrupted while waiting for PBX " + pbxId);
        } catch (TimeoutException e) {
            throw new PbxUnavailableException("PBX " + pbxId + " did not answer " + action + " within "
                    + pbxTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PbxRefusedException refused) {
                throw new ConflictException("the PBX refused " + action + " on " + channel + ": "
                        + refused.pbxMessage() + meaning(action, refused.pbxMessage()));
            }
            if (e.getCause() instanceof PbxUnavailableException unavailable) {
                throw unavailable;
            }
            throw new PbxUnavailableException("PBX " + pbxId + " could not be asked " + action + ": " + e.getCause());
        }
    }

    /** What Asterisk 22's answer usually means for aftercare (pbx-captures/call-controls.txt has them all). */
    static String meaning(String action, String message) {
        if (message.startsWith("Invalid/unknown command") && action.equals("PJSIPNotify")) {
            return " (this Asterisk has no PJSIPNotify: hold by SIP NOTIFY needs chan_pjsip and res_pjsip_notify;"
                    + " hold from the phone, or set calls.hold_method: none)";
        }
        if (message.equals("Permission denied")) {
            return " (aftercare's AMI account lacks the write class " + action + " needs: dialplan/README.md)";
        }
        if (message.equals("Channel not found") && action.equals("PJSIPNotify")) {
            return " (hold by SIP NOTIFY needs the agent's PJSIP channel: agents whose queue interface is PJSIP/...)";
        }
        if (message.equals("No attended transfer feature code found")) {
            return " (features.conf needs an atxfer code: dialplan/features.conf.sample)";
        }
        if (message.equals("Transfer invalid")) {
            return " (the channel is in no bridge: the call is not connected)";
        }
        if (message.equals("No such channel") || message.equals("Channel not found")
                || message.equals("Channel specified does not exist")) {
            return " (the channel has hung up meanwhile)";
        }
        return "";
    }
}
