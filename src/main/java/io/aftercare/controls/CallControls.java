package io.aftercare.controls;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.auth.Principal;
import io.aftercare.calls.CallLegs;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.core.ConflictException;
import io.aftercare.core.ForbiddenException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.telephony.CallCommands;
import io.aftercare.telephony.ContactKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Hang-up, hold, DTMF and transfers of a call in progress, as an agent or supervisor asks for them: finds the
 * channels call tracking knows for the agent's part in the call ({@link CallLegs}), checks the agent may act on it,
 * and sends the PBX the actions ({@link CallCommands}), answering with what Asterisk said. An agent acts only on the
 * call they ring with, talk on or hold; supervisors and admins on any (the agent talking, unless they name one). What
 * the actions change (talk ended, hold, the call in another queue) reaches aftercare as for any call, through the
 * PBX's events. Blocking: runs on a worker thread, never an event loop. Thread-safe.
 */
public final class CallControls {
    /** Dialplan extension of {@code calls.transfer_context} for a queue ({@link #TO_AGENT}: an agent). */
    static final String TO_QUEUE = "1";
    static final String TO_AGENT = "2";
    private static final Pattern DTMF = Pattern.compile("[0-9*#A-D]{1,32}");
    /** The dialplan context a supervisor's phone runs ChanSpy() in ({@code dialplan/extensions_aftercare.conf}). */
    static final String SPY_CONTEXT = "aftercare-spy";
    /** Modes a supervisor starts ChanSpy() in; during the session DTMF 4, 5 and 6 switch between them. */
    static final List<String> SPY_MODES = List.of("listen", "whisper", "barge");
    /**
     * A phone to ring: technology, '/', resource ({@code PJSIP/2001}, {@code Local/2001@phones/n}); nothing that
     * would end an AMI header or be read by the dialplan as an argument separator or an expression.
     */
    private static final Pattern PHONE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,15}/[A-Za-z0-9@._+:/-]{1,80}");
    /** A channel name as Asterisk makes them, which ChanSpy() takes as its prefix. */
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9@._+:/;-]{1,120}");

    private final CallCommands pbx;
    private final CallTrackingService tracking;
    private final Jdbi jdbi;
    private final AftercareConfig.Calls config;
    private final PbxAnswers answers;

    /** One action sent: its AMI name, the channel it named and Asterisk's {@code Message}. */
    public record Sent(String action, String channel, String message) {}

    /** What a control did: the call, the agent whose part it acted on, and each action sent, in order. */
    public record Result(String linkedId, String agent, String control, List<Sent> sent) {
        public Result {
            sent = List.copyOf(sent);
        }
    }

    /**
     * A transfer: {@code mode} blind (the agent leaves at once) or attended (the agent consults the target while the
     * caller waits, then completes or cancels), to a {@code queue} or an {@code agent} (login), not both.
     */
    public record Transfer(String mode, String queue, String agent) {}

    public CallControls(CallCommands pbx, CallTrackingService tracking, Jdbi jdbi, AftercareConfig.Calls config,
                        PbxAnswers answers) {
        this.pbx = pbx;
        this.tracking = tracking;
        this.jdbi = jdbi;
        this.config = config;
        this.answers = answers;
    }

    /** Hangs up the agent's phone leg, as their phone's own hang-up would (queue_log: COMPLETEAGENT). */
    public Result hangup(Principal who, String pbxId, String linkedId, String iface) {
        CallLegs legs = legsFor(who, pbxId, linkedId, iface);
        String phone = known(legs.agentPhone(), "the agent's channel", legs);
        return result(legs, "hangup", send(pbxId, "Hangup", phone, pbx.hangup(pbxId, phone)));
    }

    /**
     * Asks the agent's phone to hold the call ({@code on}) or take it back, by {@code calls.hold_method}: a SIP NOTIFY
     * {@code Event: hold} / {@code Event: talk} in the call's dialog. The hold itself is the phone's: aftercare shows
     * it when Asterisk reports it (Hold / Unhold).
     */
    public Result hold(Principal who, String pbxId, String linkedId, String iface, boolean on) {
        if (config.holdMethod() == AftercareConfig.HoldMethod.NONE) {
            throw new ConflictException("hold is not done by aftercare here (calls.hold_method: none): hold the call"
                    + " from the phone");
        }
        CallLegs legs = answeredLegs(who, pbxId, linkedId, iface);
        String phone = known(legs.agentPhone(), "the agent's channel", legs);
        return result(legs, on ? "hold" : "unhold", send(pbxId, "PJSIPNotify", phone,
                pbx.notify(pbxId, phone, Map.of("Event", on ? "hold" : "talk"))));
    }

    /** Plays {@code digits} (0-9, *, #, A-D; at most 32) to the party the agent talks with, one after the other. */
    public Result dtmf(Principal who, String pbxId, String linkedId, String iface, String digits) {
        String keys = digits == null ? "" : digits.strip().toUpperCase(Locale.ROOT);
        if (!DTMF.matcher(keys).matches()) {
            throw new ValidationException("digits must be 1 to 32 of 0-9, *, #, A-D");
        }
        CallLegs legs = answeredLegs(who, pbxId, linkedId, iface);
        String caller = known(legs.callerLeg(), "the caller's channel", legs);
        List<Sent> sent = new ArrayList<>();
        for (char key : keys.toCharArray()) {
            sent.add(send(pbxId, "PlayDTMF", caller, pbx.playDtmf(pbxId, caller, key)));
        }
        return result(legs, "dtmf", sent.toArray(Sent[]::new));
    }

    /**
     * Transfers the call to a queue or an agent through {@code calls.transfer_context}, which reads the target from
     * {@value DialplanVariables#TRANSFER_TO}. Blind: set on the caller's channel, then AMI BlindTransfer of the
     * agent's leg. Attended: set (inherited) on the agent's leg, then AMI Atxfer, and answered once Asterisk has
     * placed the consultation call.
     */
    public Result transfer(Principal who, String pbxId, String linkedId, String iface, Transfer t) {
        String mode = t.mode() == null ? "" : t.mode().strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("blind") && !mode.equals("attended")) {
            throw new ValidationException("mode must be blind or attended");
        }
        boolean toQueue = t.queue() != null && !t.queue().isBlank();
        if (toQueue == (t.agent() != null && !t.agent().isBlank())) {
            throw new ValidationException("name the target: a queue or an agent (login), not both");
        }
        String target = toQueue ? t.queue().strip() : jdbi.withExtension(ControlsDao.class,
                dao -> dao.interfaceOfLogin(t.agent().strip())).orElseThrow(() ->
                new ValidationException("no agent with login '" + t.agent().strip() + "'"));
        if (toQueue && !jdbi.withExtension(ControlsDao.class, dao -> dao.queueExists(target))) {
            throw new ValidationException("no queue '" + target + "'");
        }
        CallLegs legs = answeredLegs(who, pbxId, linkedId, iface);
        if (target.equals(legs.agent())) {
            throw new ValidationException("the call is already " + target + "'s");
        }
        String exten = toQueue ? TO_QUEUE : TO_AGENT;
        String agentLeg = known(legs.agentLeg(), "the agent's channel", legs);
        if (consultation(legs).isPresent()) {
            throw new ConflictException("an attended transfer is already in progress on call " + linkedId
                    + ": complete or cancel it first");
        }
        if (mode.equals("blind")) {
            String caller = known(legs.callerLeg(), "the caller's channel", legs);
            Sent set = send(pbxId, "Setvar", caller, pbx.setVariable(pbxId, caller, DialplanVariables.TRANSFER_TO,
                    target));
            return result(legs, "transfer", set, send(pbxId, "BlindTransfer", agentLeg,
                    pbx.blindTransfer(pbxId, agentLeg, config.transferContext(), exten)));
        }
        if (!toQueue) { // the consultation's Dial rings an agent: call tracking knows them as one, whatever its reload
            answers.ask(tracking, tracker -> {
                tracker.agentInterface(target);
                return null;
            });
        }
        // one underscore: the consultation channel Asterisk makes from the agent's leg inherits it, once
        Sent set = send(pbxId, "Setvar", agentLeg, pbx.setVariable(pbxId, agentLeg,
                "_" + DialplanVariables.TRANSFER_TO, target));
        // '#' ends the number at once; without it Asterisk waits features.conf's transferdigittimeout for more
        Sent atxfer = send(pbxId, "Atxfer", agentLeg, pbx.attendedTransfer(pbxId, agentLeg, config.transferContext(),
                exten + "#"));
        awaitConsultation(pbxId, linkedId, legs.agent());
        return result(legs, "transfer", set, atxfer);
    }

    /** Completes the agent's attended transfer: their leg hangs up, and Asterisk joins the caller and the target. */
    public Result completeTransfer(Principal who, String pbxId, String linkedId, String iface) {
        CallLegs legs = consulting(who, pbxId, linkedId, iface);
        String agentLeg = known(legs.agentLeg(), "the agent's channel", legs);
        return result(legs, "transfer-complete", send(pbxId, "Hangup", agentLeg, pbx.hangup(pbxId, agentLeg)));
    }

    /** Gives up the agent's attended transfer: the consultation ends and the agent has the caller again. */
    public Result cancelTransfer(Principal who, String pbxId, String linkedId, String iface) {
        CallLegs legs = consulting(who, pbxId, linkedId, iface);
        String agentLeg = known(legs.agentLeg(), "the agent's channel", legs);
        return result(legs, "transfer-cancel", send(pbxId, "CancelAtxfer", agentLeg,
                pbx.cancelAttendedTransfer(pbxId, agentLeg)));
    }

    /** What a spy session started: the call, the agent spied on and their channel, the mode, the phone rung. */
    public record Spy(String linkedId, String agent, String channel, String mode, String phone, String message) {}

    /**
     * Starts a supervisor's ChanSpy() on the agent's leg of the call (the agent {@code iface} names, else the one
     * talking): AMI Originate of the supervisor's {@code phone} (default: their own account's agent interface) into
     * {@value #SPY_CONTEXT} with {@value DialplanVariables#SPY_CHANNEL} and {@value DialplanVariables#SPY_MODE}
     * set. Supervisors and admins only; 409 when no agent has answered the call.
     */
    public Spy spy(Principal who, String pbxId, String linkedId, String iface, String mode, String phone) {
        if (!who.seesAllAgents()) {
            throw new ForbiddenException("only supervisors and admins may listen to calls");
        }
        String m = mode == null || mode.isBlank() ? "listen" : mode.strip().toLowerCase(Locale.ROOT);
        if (!SPY_MODES.contains(m)) {
            throw new ValidationException("mode must be listen, whisper or barge");
        }
        String ring;
        if (phone == null || phone.isBlank()) {
            ring = who.agent().flatMap(id -> jdbi.withExtension(ControlsDao.class, dao -> dao.interfaceOf(id)))
                    .orElseThrow(() -> new ValidationException("name the phone to ring (phone, e.g. PJSIP/2001):"
                            + " this account has no agent interface of its own"));
        } else {
            ring = phone.strip();
            if (!PHONE.matcher(ring).matches()) {
                throw new ValidationException("phone must be a channel to ring such as PJSIP/2001 or"
                        + " Local/2001@phones (letters, digits and @ . _ + : / - only)");
            }
        }
        CallLegs legs = answeredLegs(who, pbxId, linkedId, iface);
        String channel = known(legs.agentLeg(), "the agent's channel", legs);
        if (!CHANNEL.matcher(channel).matches()) {
            throw new ConflictException("the agent's channel " + channel + " cannot be named to ChanSpy()");
        }
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        variables.put(DialplanVariables.SPY_CHANNEL, channel);
        variables.put(DialplanVariables.SPY_MODE, m);
        String callerId = "\"" + m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1) + " "
                + legs.agent().replace("\"", "") + "\" <spy>";
        String message = answers.await(pbxId, "Originate", ring, pbx.originatePlain(pbxId,
                ContactKind.NO_CONTACT_PREFIX + "spy-" + java.util.UUID.randomUUID(), ring, SPY_CONTEXT, "s",
                callerId, config.agentRingTimeout(), variables));
        return new Spy(legs.linkedId(), legs.agent(), channel, m, ring, message);
    }

    /**
     * The agent's part in the call, with an attended transfer of theirs in progress. A supervisor names the agent: the
     * one talking may be the agent consulted, whose leg is not the one to hang up.
     */
    private CallLegs consulting(Principal who, String pbxId, String linkedId, String iface) {
        if (who.seesAllAgents() && (iface == null || iface.isBlank())) {
            throw new ValidationException("name the agent whose attended transfer it is (iface)");
        }
        CallLegs legs = answeredLegs(who, pbxId, linkedId, iface);
        if (consultation(legs).isEmpty()) {
            throw new ConflictException("no attended transfer is in progress on call " + linkedId);
        }
        return legs;
    }

    /** The consultation call of an attended transfer aftercare started on this call, by its channel's name. */
    private Optional<String> consultation(CallLegs legs) {
        String suffix = "@" + config.transferContext() + "-";
        return legs.channels().stream().filter(c -> c.startsWith("Local/" + TO_QUEUE + suffix)
                || c.startsWith("Local/" + TO_AGENT + suffix)).findFirst();
    }

    /**
     * Asterisk acknowledges Atxfer as soon as it has queued the DTMF, whether or not the agent's channel may transfer:
     * the consultation call appearing in the call is the proof it started.
     */
    private void awaitConsultation(String pbxId, String linkedId, String agent) {
        long deadline = System.nanoTime() + config.consultWait().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<CallLegs> now = answers.ask(tracking, t -> t.legs(pbxId, linkedId, agent));
            if (now.isEmpty() || consultation(now.get()).isPresent()) {
                return; // started (or the call is gone: nothing more to say)
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new ConflictException("Asterisk took the attended transfer (Atxfer) but placed no consultation call"
                + " within " + config.consultWait().toMillis() + " ms: the agent's channel may not transfer. The"
                + " dialplan's Queue() and Dial() need the t option and features.conf an atxfer code"
                + " (dialplan/README.md, \"Transfers\")");
    }

    private CallLegs answeredLegs(Principal who, String pbxId, String linkedId, String iface) {
        CallLegs legs = legsFor(who, pbxId, linkedId, iface);
        if (!legs.answered()) {
            throw new ConflictException(legs.agent() + " has not answered call " + linkedId + " yet");
        }
        return legs;
    }

    /**
     * The channels of the agent's part in the call: the signed-in agent's own (403 when the call is not theirs), or
     * for supervisors the agent {@code iface} names, else the one talking. 404 when the call is not in progress.
     */
    CallLegs legsFor(Principal who, String pbxId, String linkedId, String iface) {
        String asked = iface == null || iface.isBlank() ? null : iface.strip();
        String agent = asked;
        if (!who.seesAllAgents()) {
            long agentId = who.agent().orElseThrow(() -> new ForbiddenException("this account is not linked to an"
                    + " agent"));
            agent = jdbi.withExtension(ControlsDao.class, dao -> dao.interfaceOf(agentId)).orElseThrow(() ->
                    new ForbiddenException("this account's agent no longer exists"));
            if (asked != null && !asked.equals(agent)) {
                throw new ForbiddenException("an agent may act only on their own calls");
            }
        }
        String whose = agent;
        Function<io.aftercare.calls.CallTracker, Optional<Optional<CallLegs>>> question = t ->
                t.inProgress(pbxId, linkedId) ? Optional.of(t.legs(pbxId, linkedId, whose)) : Optional.empty();
        Optional<CallLegs> legs = answers.ask(tracking, question).orElseThrow(() ->
                new NotFoundException("call " + linkedId + " is not in progress"));
        if (legs.isEmpty() && !who.seesAllAgents()) {
            throw new ForbiddenException("call " + linkedId + " is not yours: an agent may act only on the call they"
                    + " ring with, talk on or hold");
        }
        return legs.orElseThrow(() -> new ConflictException(whose == null ? "no agent is talking on call " + linkedId
                : whose + " does not ring with, talk on or hold call " + linkedId));
    }

    private Sent send(String pbxId, String action, String channel, java.util.concurrent.CompletionStage<String> sent) {
        return new Sent(action, channel, answers.await(pbxId, action, channel, sent));
    }

    private static String known(String channel, String what, CallLegs legs) {
        if (channel == null) {
            throw new ConflictException(what + " of call " + legs.linkedId() + " is not known (a call taken over"
                    + " after a restart: its channels are learnt from the PBX's next events)");
        }
        return channel;
    }

    private static Result result(CallLegs legs, String control, Sent... sent) {
        return new Result(legs.linkedId(), legs.agent(), control, List.of(sent));
    }
}
