package io.aftercare.telephony;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Commands on the channels of a call in progress, and the calls aftercare places for agents, sent to a PBX (AMI
 * Hangup, Setvar, BlindTransfer, Atxfer, CancelAtxfer, PlayDTMF, PJSIPNotify, Originate); implemented by the AMI
 * package. Each completes with Asterisk's {@code Message} when it answers Success, fails with a {@link
 * PbxRefusedException} when it answers Error and with a {@link PbxUnavailableException} when it cannot be asked.
 * Implementations are thread-safe and never block the caller.
 */
public interface CallCommands {
    CompletionStage<String> hangup(String pbxId, String channel);

    /** Sets a variable on {@code channel}; a name starting with {@code _} is inherited by the channels it makes. */
    CompletionStage<String> setVariable(String pbxId, String channel, String name, String value);

    /** Sends the party bridged with {@code channel} to {@code exten@context}; {@code channel} leaves the call. */
    CompletionStage<String> blindTransfer(String pbxId, String channel, String context, String exten);

    /**
     * Starts an attended transfer from {@code channel}: Asterisk dials {@code digits} (DTMF, after the features.conf
     * {@code atxfer} code) in {@code context} while the other party waits.
     */
    CompletionStage<String> attendedTransfer(String pbxId, String channel, String context, String digits);

    /** Gives up the attended transfer {@code channel} started (features.conf {@code atxferabort}). */
    CompletionStage<String> cancelAttendedTransfer(String pbxId, String channel);

    /** Plays one DTMF digit out of {@code channel}, to whoever is at its far end. */
    CompletionStage<String> playDtmf(String pbxId, String channel, char digit);

    /** Sends a SIP NOTIFY with {@code headers} inside {@code channel}'s dialog (it must be a PJSIP channel). */
    CompletionStage<String> notify(String pbxId, String channel, Map<String, String> headers);

    /**
     * Places a call: rings {@code channel} and, once answered, runs {@code exten@context} priority 1 on it.
     * {@code originateId} ({@link ContactKind#originateId}) is the ActionID and the ChannelId, so the call's Linkedid.
     */
    CompletionStage<String> originate(String pbxId, String originateId, String channel, String context, String exten,
                                      String callerId, Duration ringTimeout, Map<String, String> variables);

    /**
     * Places a call that is no contact of aftercare's (a supervisor's ChanSpy): rings {@code channel} and, once
     * answered, runs {@code exten@context} priority 1 on it with {@code variables} set. {@code channelId} is its
     * ChannelId, so its Linkedid: one of {@link ContactKind#NO_CONTACT_PREFIX}, whose events call tracking ignores.
     */
    CompletionStage<String> originatePlain(String pbxId, String channelId, String channel, String context, String exten,
                                           String callerId, Duration ringTimeout, Map<String, String> variables);

    /** Commands for when no PBX is attached: each fails with a {@link PbxUnavailableException}. */
    CallCommands NONE = new CallCommands() {
        @Override
        public CompletionStage<String> hangup(String pbxId, String channel) {
            return unavailable();
        }

        @Override
        public CompletionStage<String> setVariable(String pbxId, String channel, String name, String value) {
            return unavailable();
        }

        @Override
        public CompletionStage<String> blindTransfer(String pbxId, String channel, String context, String exten) {
            return unavailable();
        }

        @Override
        public CompletionStage<String> attendedTransfer(String pbxId, String channel, String context, String digits) {
            return unavailable();
        }

        @Override
        public CompletionStage<String> cancelAttendedTransfer(String pbxId, String channel) {
            return unavailable();
        }

        @Override
        public CompletionStage<String> playDtmf(String pbxId, String channel, char digit) {
            return unavailable();
        }

        @Override
        public CompletionStage<String> notify(String pbxId, String channel, Map<String, String> headers) {
            return unavailable();
        }

        @Override
        public CompletionStage<String> originate(String pbxId, String originateId, String channel, String context,
                                                 String exten, String callerId, Duration ringTimeout,
                                                 Map<String, String> variables) {
            return unavailable();
        }

        @Override
        public CompletionStage<String> originatePlain(String pbxId, String channelId, String channel, String context, String exten,
                                                      String callerId, Duration ringTimeout,
                                                      Map<String, String> variables) {
            return unavailable();
        }

        private CompletionStage<String> unavailable() {
            return CompletableFuture.failedFuture(new PbxUnavailableException(
                    "no PBX is attached (ami.host is empty): call controls need Asterisk"));
        }
    };
}
