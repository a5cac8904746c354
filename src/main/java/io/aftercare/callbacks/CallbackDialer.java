package io.aftercare.callbacks;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.surveys.CallingWindow;
import io.aftercare.surveys.SurveyCallees;
import io.aftercare.telephony.ContactKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import io.aftercare.surveys.SurveyJobDao;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places due callbacks and settles their attempts. A callback's turn is app_queue's to decide: the dialer
 * originates a placeholder, {@code Local/s@aftercare-callback-hold}, whose half in that context joins the queue at the
 * caller's place (its position among the callers still waiting, by when each began to wait), so the queue's
 * strategy, penalties and ring rules pick the agent; when the agent answers, the other half runs
 * {@code [aftercare-callback]}, which dials the customer. The attempt's originate id ({@code callback-<id>-<n>}) is
 * its contact's Linkedid, and the stored contact decides the attempt: answered (the customer answered) completes the
 * callback; busy, no answer or failed retries after the backoff while attempts and validity last; an attempt whose
 * end was lost (AMI link down) ends it as failed rather than risk calling twice. The queued state is leased for the
 * longest wait, so a restarted or second instance never places an attempt in progress again. {@link #tick} runs on
 * one thread; not thread-safe otherwise.
 */
public final class CallbackDialer {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackDialer.class);
    /** Where the placeholder's first half waits in the queue, and where its other half dials the customer. */
    public static final String HOLD_CHANNEL = "Local/s@aftercare-callback-hold";
    public static final String CALLBACK_CONTEXT = "aftercare-callback";

    /** Sends the placeholder's Originate; {@code AmiConnector::originate} in production. */
    @FunctionalInterface
    public interface Originator {
        CompletionStage<String> originate(String pbxId, String originateId, String channel, String context,
                                          String exten, String callerId, Duration timeout, Map<String, String> vars);
    }

    /**
     * The dialer's settings.
     *
     * @param maxQueueWait how long a placeholder may wait in the queue (the Originate's timeout)
     * @param maxAttempts  attempts per callback
     * @param retryBackoff wait before the next attempt, times the attempts made
     * @param customerChannelTemplate the customer's channel, {@code ${number}} / {@code ${digits}} replaced
     * @param outboundCallerId what the customer sees
     */
    public record Settings(Duration maxQueueWait, int maxAttempts, Duration retryBackoff,
                           String customerChannelTemplate, String outboundCallerId) {}

    private final CallbackDao dao;
    private final SurveyCallees callees;
    private final CallingWindow window;
    private final Settings settings;
    private final String defaultPbx;
    private final String owner;
    private final Originator originator;
    private final BiFunction<String, Instant, Integer> waitingAhead;
    private final Function<Long, Optional<SurveyJobDao.CustomerPlace>> places;
    private final Executor executor;
    private final Clock clock;

    /**
     * @param waitingAhead for a queue and a moment, how many callers waiting in that queue now began to wait before
     *                     it (call tracking's live view)
     * @param places       a customer's country, zone and language for the calling window ({@link SurveyJobDao#place})
     * @param executor     the thread {@link #tick} runs on: a refused Originate is handled there, never on
     *                     asterisk-java's
     */
    public CallbackDialer(CallbackDao dao, SurveyCallees callees, CallingWindow window, Settings settings,
                          String defaultPbx, String owner, Originator originator,
                          BiFunction<String, Instant, Integer> waitingAhead,
                          Function<Long, Optional<SurveyJobDao.CustomerPlace>> places, Executor executor, Clock clock) {
        this.dao = dao;
        this.callees = callees;
        this.window = window;
        this.settings = settings;
        this.defaultPbx = defaultPbx;
        this.owner = owner;
        this.originator = originator;
        this.waitingAhead = waitingAhead;
        this.places = places;
        this.executor = executor;
        this.clock = clock;
    }

    /** One round: expire, settle attempts whose call ended, then place what is due. Returns placeholders sent. */
    public int tick() {
        Instant now = clock.instant();
        dao.expire(now);
        for (Callback c : dao.queued(100)) {
            settle(c, now);
        }
        int sent = 0;
        for (Callback c : dao.claimDue(owner, now, leaseUntil(now), 20)) {
            if (place(c, now)) {
                sent++;
            }
        }
        return sent;
    }

    private Instant leaseUntil(Instant now) {
        return now.plus(settings.maxQueueWait()).plus(Duration.ofMinutes(5));
    }

    private void settle(Callback c, Instant now) {
        if (c.actionId() == null) { // claimed, then its placer died before sending
            if (dao.leaseExpired(c.id(), now)) {
                dao.rescheduleUnplaced(c.id(), "placer gone before sending; placed again", now);
            }
            return;
        }
        Optional<CallbackDao.ContactEnd> contact = dao.contactOf(c.actionId());
        if (contact.isPresent() && !contact.get().outcome().equals("open")) {
            String outcome = contact.get().outcome();
            if (outcome.equals("answered")) {
                dao.complete(c.id(), c.actionId(), contact.get().agent(), contact.get().answeredAt(), now);
                LOG.info("callback {} completed: agent {} reached the customer", c.id(), contact.get().agent());
            } else if (outcome.equals("lost_track")) {
                dao.finishAttempt(c.id(), c.actionId(), "failed", outcome,
                        "the attempt's end was not seen (AMI link lost): not placed again", now);
            } else {
                retryOrFail(c, outcome, "attempt " + c.attempts() + ": " + outcome, now);
            }
        } else if (dao.leaseExpired(c.id(), now)) {
            if (contact.isPresent()) { // still on the PBX: its end settles it
                dao.extendLease(c.id(), c.actionId(), leaseUntil(now), now);
            } else {
                retryOrFail(c, "failed", "attempt " + c.attempts() + " never showed on the PBX", now);
            }
        }
    }

    private void retryOrFail(Callback c, String outcome, String detail, Instant now) {
        retryOrFail(c.id(), c.actionId(), c.attempts(), c.expiresAt(), outcome, detail, now);
    }

    /** Attempt {@code actionId}, the {@code attempts}-th, did not reach the customer: the next one, or the end. */
    private void retryOrFail(long id, String actionId, int attempts, Instant expiresAt, String outcome,
                             String detail, Instant now) {
        Instant retryAt = now.plus(settings.retryBackoff().multipliedBy(Math.max(1, attempts)));
        if (attempts < settings.maxAttempts() && retryAt.isBefore(expiresAt)) {
            dao.reschedule(id, actionId, retryAt, outcome, detail, now);
        } else {
            dao.finishAttempt(id, actionId, "failed", outcome, detail + "; no attempt left", now);
        }
    }

    private boolean place(Callback c, Instant now) {
        CallingWindow.Callee callee = callees.of(c.e164(), c.customerId() == null ? null
                : places.apply(c.customerId()).orElse(null));
        // a caller who asked in the queue is on the phone with us now: their first attempt needs no calling window
        boolean askedNow = c.source() == CallbackSource.VIRTUAL_HOLD && c.attempts() == 0;
        if (!askedNow && !window.allows(callee, now)) {
            Optional<Instant> next = window.nextOpening(callee, now).filter(at -> at.isBefore(c.expiresAt()));
            if (next.isPresent()) {
                dao.release(c.id(), owner, next.get(), "waiting for the customer's calling window", now);
            } else {
                dao.finishClaimed(c.id(), owner, "expired", "no calling window before expiry", now);
            }
            return false;
        }
        int attempt = c.attempts() + 1;
        String actionId = ContactKind.CALLBACK.originateId(c.id(), attempt);
        if (!dao.markPlacing(c.id(), owner, actionId, now)) {
            return false;
        }
        int position = 1 + waitingAhead.apply(c.queue(), c.waitingSince()) + dao.queuedAhead(c.queue(),
                c.waitingSince());
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(DialplanVariables.CALLBACK_ID, Long.toString(c.id()));
        vars.put(DialplanVariables.CALLBACK_QUEUE, c.queue());
        vars.put(DialplanVariables.CALLBACK_POSITION, Integer.toString(position));
        vars.put(DialplanVariables.CUSTOMER_CHANNEL, settings.customerChannelTemplate().replace("${number}", c.e164())
                .replace("${digits}", c.e164().replace("+", "")));
        vars.put(DialplanVariables.OUTBOUND_CALLER_ID, settings.outboundCallerId());
        String pbx = c.pbxId() == null || c.pbxId().isBlank() ? defaultPbx : c.pbxId();
        // the agent sees the customer's number, as for a call in
        String callerId = "\"Callback\" <" + c.e164().replace("+", "") + ">";
        try {
            originator.originate(pbx, actionId, HOLD_CHANNEL, CALLBACK_CONTEXT, "s", callerId,
                    settings.maxQueueWait(), vars).whenCompleteAsync((ok, error) -> {
                        if (error != null) {
                            LOG.warn("callback {} attempt {} refused by PBX {}: {}", c.id(), attempt, pbx,
                                    error.toString());
                            retryOrFail(c.id(), actionId, attempt, c.expiresAt(), "failed",
                                    "Originate refused: " + error.getMessage(), clock.instant());
                        }
                    }, executor);
        } catch (RuntimeException e) {
            retryOrFail(c.id(), actionId, attempt, c.expiresAt(), "failed", "Originate not sent: " + e.getMessage(),
                    now);
            return false;
        }
        LOG.info("callback {} attempt {}: placeholder joins {} at position {}", c.id(), attempt, c.queue(), position);
        return true;
    }
}
