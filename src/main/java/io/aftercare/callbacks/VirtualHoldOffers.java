package io.aftercare.callbacks;

import io.aftercare.calls.WaitingCall;
import io.aftercare.telephony.InvalidPhoneNumberException;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a waiting caller hears the callback offer: once per call, when they have waited their queue's
 * {@code vhold_offer_after_seconds}, or at once when the estimated wait is at least
 * {@code vhold_offer_estimate_seconds}; only callers with a number that can be called back. The offer takes them out
 * of the queue (AMI QueueWithdrawCaller) with their position in {@code QUEUE_WITHDRAW_INFO}, so that one who keeps
 * waiting rejoins at the same place. {@link #offer} is pure; {@link #round} runs on one thread.
 */
public final class VirtualHoldOffers {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualHoldOffers.class);
    private static final Duration FORGET_AFTER = Duration.ofHours(4);

    /** Sends the withdrawal: {@code AmiConnector::withdrawCaller} in production. */
    @FunctionalInterface
    public interface Withdrawer {
        void withdraw(String pbxId, String queue, String channel, String linkedId, String uniqueId, String info);
    }

    /** One offer to make: the caller and the place they rejoin at. */
    public record Offer(WaitingCall call, int position) {
        public String info() {
            return "vhold:" + position;
        }
    }

    private final PhoneNumbers phones;
    private final Withdrawer withdrawer;
    private final Function<String, Optional<Duration>> estimate;
    private final Clock clock;
    private final Map<String, Instant> offered = new HashMap<>();

    /** @param estimate the estimated wait of a caller entering a queue now (empty: unknown) */
    public VirtualHoldOffers(PhoneNumbers phones, Withdrawer withdrawer, Function<String, Optional<Duration>> estimate,
                             Clock clock) {
        this.phones = phones;
        this.withdrawer = withdrawer;
        this.estimate = estimate;
        this.clock = clock;
    }

    /** The offers due among {@code waiting}, given each queue's settings and the calls offered already. */
    public static List<Offer> offer(List<WaitingCall> waiting, Map<String, CallbackDao.Offer> settings,
                                    java.util.Set<String> alreadyOffered, java.util.function.Predicate<String> callable,
                                    Function<String, Optional<Duration>> estimate, Instant now) {
        Map<String, Optional<Duration>> estimates = new HashMap<>();
        List<WaitingCall> sorted = waiting.stream().sorted(Comparator.comparing(WaitingCall::queuedAt)).toList();
        List<Offer> out = new java.util.ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (WaitingCall w : sorted) {
            int position = positions.merge(w.pbxId() + '/' + w.queue(), 1, Integer::sum);
            CallbackDao.Offer s = settings.get(w.queue());
            if (s == null || alreadyOffered.contains(w.pbxId() + '/' + w.linkedId()) || w.channel() == null
                    || w.uniqueId() == null || !callable.test(w.callerNum())) {
                continue;
            }
            boolean waitedEnough = s.afterSeconds() > 0 && !now.isBefore(w.queuedAt().plusSeconds(s.afterSeconds()));
            boolean longWait = s.estimateSeconds() > 0 && estimates.computeIfAbsent(w.queue(), estimate)
                    .filter(d -> d.toSeconds() >= s.estimateSeconds()).isPresent();
            if (waitedEnough || longWait) {
                out.add(new Offer(w, position));
            }
        }
        return out;
    }

    /** One round over the calls waiting now. */
    public void round(List<WaitingCall> waiting, Map<String, CallbackDao.Offer> settings) {
        Instant now = clock.instant();
        offered.values().removeIf(at -> at.isBefore(now.minus(FORGET_AFTER)));
        for (Offer o : offer(waiting, settings, offered.keySet(), this::callable, estimate, now)) {
            WaitingCall w = o.call();
            offered.put(w.pbxId() + '/' + w.linkedId(), now);
            LOG.debug("offering a callback to call {} in {} (position {})", w.linkedId(), w.queue(), o.position());
            withdrawer.withdraw(w.pbxId(), w.queue(), w.channel(), w.linkedId(), w.uniqueId(), o.info());
        }
    }

    private boolean callable(String callerNum) {
        if (callerNum == null || callerNum.isBlank()) {
            return false;
        }
        try {
            phones.parse(callerNum);
            return true;
        } catch (InvalidPhoneNumberException e) {
            return false;
        }
    }
}
