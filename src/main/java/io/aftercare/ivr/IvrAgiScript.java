package io.aftercare.ivr;

import io.aftercare.agi.AgiCall;
import io.aftercare.agi.AgiCommands;
import io.aftercare.agi.AgiText;
import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.SafeAgiScript;
import io.aftercare.hours.AfterHoursBranch;
import io.aftercare.routing.LiveAgents;
import io.aftercare.telephony.PhoneNumber;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ivr} FastAGI script the dialplan runs when the route set {@code AC_IVR_MENU}: offers a caller with
 * an open case that case first ("press 1 about your repair"), then plays the menu with GET DATA (one digit,
 * the menu's timeout), follows sub-menus, replays after an invalid digit or a timeout up to the retries, sets
 * QUEUE (and the case owner as preferred agent, when free), {@code AC_IVR_DIGITS} and {@code AC_IVR_RESULT}, and records
 * the selection in the background. Thread-safe: one instance serves every call.
 */
public final class IvrAgiScript extends SafeAgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(IvrAgiScript.class);
    /** Sub-menus deeper than this end in the menu's default queue (menus may refer to each other in a cycle). */
    private static final int MAX_DEPTH = 5;
    /** Seconds the case owner rings before the queue, as the "open repair case" rule does. */
    private static final int OWNER_WAIT_SECONDS = 20;
    /** The queue that handles each kind of case when the caller accepts the personal offer. */
    static final Map<String, String> CASE_QUEUES = Map.of("repair", "repairs", "return", "returns",
            "technical", "technical", "complaint", "supervisors", "callback", "general-support");

    private final IvrMenuService menus;
    private final IvrCases cases;
    private final AfterHoursBranch afterHours;
    private final Executor background;
    private final Clock clock;
    private final String pbxId;
    private final PhoneNumbers phones;
    private final LiveAgents live;

    /** Where open cases are read for the personal offer; blocking (database). */
    @FunctionalInterface
    public interface IvrCases {
        Optional<IvrMenuDao.CaseRow> openCase(long caseId);
    }

    /** @param live who may be rung before the queue now: the case owner only when free */
    public IvrAgiScript(IvrMenuService menus, IvrCases cases, AfterHoursBranch afterHours, Executor background,
                        PhoneNumbers phones, Clock clock, String pbxId, String fallbackQueue, LiveAgents live) {
        super(fallbackQueue);
        this.live = live;
        this.phones = phones;
        this.menus = menus;
        this.cases = cases;
        this.afterHours = afterHours;
        this.background = background;
        this.clock = clock;
        this.pbxId = pbxId;
    }

    /** Where the caller ended: the queue, the outcome word, the case accepted and the agent to ring first. */
    private record Ending(String menu, String queue, String outcome, Long caseId, String agent) {}

    @Override
    protected void run(AgiCall call, AgiChannel channel) throws AgiException {
        String menuName = value(channel.getVariable(DialplanVariables.IVR_MENU));
        String caseText = value(channel.getVariable(DialplanVariables.CASE_ID));
        String customerText = value(channel.getVariable(DialplanVariables.CUSTOMER_ID));
        String linkedId = value(channel.getVariable(DialplanVariables.LINKEDID));
        String language = call.language().isEmpty() ? "en" : call.language();
        StringBuilder digits = new StringBuilder();
        Optional<IvrMenu> menu = menus.menu(menuName);
        Ending end = null;
        String failed = "fallback"; // what the visit ended as if no choice was made: the script failed
        try {
            if (menu.isEmpty()) {
                LOG.warn("uniqueid {}: no IVR menu '{}'; queue {}", call.uniqueId(), AgiText.printable(menuName, 40),
                        fallbackQueue());
                end = new Ending(menuName, fallbackQueue(), "fallback", null, "");
            } else {
                end = play(channel, menu.get(), caseOffer(caseText), language, digits);
            }
            answer(call, channel, firstRing(end, linkedId), digits, customerText);
        } catch (AgiHangupException e) {
            failed = "hangup";
            throw e;
        } finally { // every visit is recorded, the caller's choice if made, else how it ended (IVR abandonment)
            Ending recorded = end != null ? end
                    : new Ending(menuName, failed.equals("hangup") ? "" : fallbackQueue(), failed, null, "");
            record(new IvrSelection(call.uniqueId(), linkedId.isEmpty() ? null : AgiText.printable(linkedId, 64),
                    pbxId, AgiText.printable(recorded.menu(), 32), digits.toString(), recorded.outcome(),
                    recorded.queue(), recorded.caseId(), clock.instant()));
        }
    }

    /**
     * The ending with its case owner rung first only when aftercare's live state says they may be (logged in to the
     * queue, not paused, not busy), call tracking told so before the PBX hears it; else without them.
     */
    private Ending firstRing(Ending end, String linkedId) {
        if (end.agent().isEmpty()) {
            return end;
        }
        Optional<String> busy = live.busyReason(pbxId, end.agent(), end.queue());
        if (busy.isPresent()) {
            LOG.info("case owner {} not rung before {}: {}", end.agent(), end.queue(), busy.get());
            return new Ending(end.menu(), end.queue(), end.outcome(), end.caseId(), "");
        }
        if (!linkedId.isEmpty()) {
            live.ringsFirst(pbxId, linkedId, end.queue(), end.agent());
        }
        return end;
    }

    /** Sets the dialplan's variables for where the caller ended, and the after-hours branch of that queue. */
    private void answer(AgiCall call, AgiChannel channel, Ending end, StringBuilder digits, String customerText)
            throws AgiException {
        set(channel, DialplanVariables.QUEUE, end.queue());
        set(channel, DialplanVariables.PREFERRED_AGENT, end.agent());
        if (!end.agent().isEmpty()) {
            set(channel, DialplanVariables.PREFERRED_WAIT, Integer.toString(OWNER_WAIT_SECONDS));
        }
        set(channel, DialplanVariables.IVR_DIGITS, digits.toString());
        set(channel, DialplanVariables.IVR_RESULT, end.outcome());
        Optional<Long> customer = customerText.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(customerText))
                : Optional.empty();
        // the callback case holds the number in E.164, as the route's does; an unreadable one gets voicemail
        afterHours.apply(channel, end.queue(), customer, customer.flatMap(c ->
                phones.parseCallerId(call.callerIdRaw()).map(PhoneNumber::e164)));
    }

    private Ending play(AgiChannel channel, IvrMenu first, Optional<IvrMenuDao.CaseRow> openCase, String language,
                        StringBuilder digits) throws AgiException {
        String pending = "";
        if (openCase.isPresent()) {
            IvrMenuDao.CaseRow c = openCase.get();
            Optional<String> offer = first.prompt(IvrMenu.CASE_PREFIX + c.type(), language);
            if (offer.isPresent()) {
                String digit = getDigit(channel, offer.get(), first.timeoutMs());
                digits.append(digit);
                if (digit.equals("1")) {
                    String queue = CASE_QUEUES.getOrDefault(c.type(), first.defaultQueue());
                    return new Ending(first.name(), queue, "case", c.id(),
                            c.ownerInterface() == null ? "" : c.ownerInterface());
                }
                pending = digit; // another key: taken as the first menu choice
            }
        }
        IvrMenu menu = first;
        int attempts = 0;
        int depth = 0;
        String lastFailure = "timeout";
        while (attempts <= menu.maxRetries()) {
            String digit = pending.isEmpty()
                    ? getDigit(channel, menu.prompt(IvrMenu.GREETING, language).orElseThrow(), menu.timeoutMs())
                    : pending;
            if (pending.isEmpty()) {
                digits.append(digit);
            }
            pending = "";
            if (digit.isEmpty()) {
                lastFailure = "timeout";
                attempts++;
                continue;
            }
            Optional<IvrMenu.Option> option = menu.option(digit);
            if (option.isPresent() && option.get().queue() != null) {
                return new Ending(menu.name(), option.get().queue(), "option", null, "");
            }
            Optional<IvrMenu> sub = option.flatMap(o -> menus.menu(o.submenu()));
            if (sub.isPresent() && depth < MAX_DEPTH) {
                menu = sub.get();
                depth++;
                attempts = 0;
                continue;
            }
            lastFailure = "invalid";
            attempts++;
            Optional<String> invalid = menu.prompt(IvrMenu.INVALID, language);
            if (invalid.isPresent()) {
                channel.sendCommand(AgiCommands.streamFile(invalid.get()));
            }
        }
        return new Ending(menu.name(), menu.defaultQueue(), lastFailure, null, "");
    }

    /** GET DATA for one digit: "" on timeout; '*' and '#' come back as themselves. */
    private static String getDigit(AgiChannel channel, String sound, int timeoutMs) throws AgiException {
        String data = channel.sendCommand(AgiCommands.getData(sound, timeoutMs, 1)).getResult();
        if (data == null) {
            return "";
        }
        String d = data.strip();
        return d.length() == 1 && "0123456789*#".indexOf(d.charAt(0)) >= 0 ? d : "";
    }

    private Optional<IvrMenuDao.CaseRow> caseOffer(String caseText) {
        if (!caseText.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        try {
            return cases.openCase(Long.parseLong(caseText));
        } catch (RuntimeException e) { // the offer is a courtesy: the menu still works without it
            LOG.warn("open case {} not read for the IVR offer: {}", caseText, e.toString());
            return Optional.empty();
        }
    }

    private void record(IvrSelection selection) {
        try {
            CompletableFuture.runAsync(() -> menus.record(selection), background).exceptionally(e -> {
                LOG.warn("IVR selection for uniqueid {} not recorded: {}", selection.uniqueid(), e.toString());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("IVR selection for uniqueid {} not recorded: {}", selection.uniqueid(), e.toString());
        }
    }

    /**
     * A failure inside the menu still tells the dialplan the result beside the fallback queue, and that queue's
     * after-hours branch when it is closed (voicemail: the caller is not known here).
     */
    @Override
    protected void fallback(AgiChannel channel) throws AgiException {
        super.fallback(channel);
        set(channel, DialplanVariables.IVR_RESULT, "fallback");
        try {
            afterHours.apply(channel, fallbackQueue(), Optional.empty(), Optional.empty());
        } catch (RuntimeException e) {
            LOG.debug("after-hours check of the fallback queue failed: {}", e.toString());
        }
    }

    private static String value(String v) {
        return v == null ? "" : v.strip();
    }
}
