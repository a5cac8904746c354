package io.aftercare.followups;

import io.aftercare.telephony.PhoneNumber;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.telephony.events.MailboxChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes each new message of the after-sales mailbox a voicemail follow-up: on every AMI MessageWaiting of that
 * mailbox (and at start, for messages left while aftercare was away) it reads the spool's INBOX and creates one
 * follow-up per msg_id it has not seen (reading again never duplicates), with the caller identified by their number
 * (a customer's phone) and linked to the call that went to voicemail: the caller's latest unanswered call that
 * started within {@code followups.contact_window_minutes} before the message, whose queue it takes (and whose
 * abandoned follow-up, if app_queue reported the time-out as an abandon, it cancels), looked for again on later
 * reads until found (for an hour). The listener only hands off; the reading runs on {@code executor}. Thread-safe.
 */
public final class Voicemails {
    private static final Logger LOG = LoggerFactory.getLogger(Voicemails.class);
    /** How long after a MessageWaiting the INBOX is read again. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    /** How old a message may be for its call to be looked for again. */
    private static final Duration RELINK = Duration.ofHours(1);

    private final FollowUpDao dao;
    private final VoicemailSpool spool;
    private final String mailbox;
    private final String pbxId;
    private final PhoneNumbers phones;
    private final Duration window;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();

    /** @param pbxId the PBX whose spool {@code spool} is: MessageWaiting from others is not this mailbox */
    public Voicemails(FollowUpDao dao, VoicemailSpool spool, String mailbox, String pbxId, PhoneNumbers phones,
                      Duration window, Clock clock, ScheduledExecutorService executor) {
        this.dao = dao;
        this.spool = spool;
        this.mailbox = mailbox;
        this.pbxId = pbxId;
        this.phones = phones;
        this.window = window;
        this.clock = clock;
        this.executor = executor;
    }

    /**
     * A mailbox changed (on asterisk-java's reader: hands off at once): the INBOX is read now, and again after
     * {@link #SETTLE} for the call's link: the call that left the message is stored with its caller's number when it
     * ends, which Asterisk reports around the same time.
     */
    public void on(MailboxChanged changed) {
        if (changed.pbxId().equals(pbxId) && changed.mailbox().equalsIgnoreCase(mailbox)
                && changed.newMessages() > 0) {
            read();
            executor.schedule(this::read, SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the INBOX soon, once however many times asked meanwhile. */
    public void read() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                try {
                    scan();
                } catch (RuntimeException e) {
                    LOG.warn("voicemails of {} not read from {}: {}", mailbox, spool.dir(), e.toString());
                }
            });
        }
    }

    /**
     * Creates the follow-ups of the INBOX's new messages now, and links those of the last hour still without their
     * call; how many it created. Blocking.
     */
    public int scan() {
        Set<String> known = dao.voicemailIds(pbxId);
        Set<String> unlinked = dao.unlinkedVoicemails(pbxId);
        Instant recent = clock.instant().minus(RELINK);
        int created = 0;
        for (VoicemailSpool.Message m : spool.inbox()) {
            if (known.contains(m.msgId())) {
                if (unlinked.contains(m.msgId()) && m.origTime().isAfter(recent)) {
                    link(m);
                }
                continue;
            }
            Optional<PhoneNumber> number = phones.parseCallerId(m.callerNumber());
            String e164 = number.map(PhoneNumber::e164).orElse(null);
            Optional<String[]> contact = e164 == null ? Optional.empty()
                    : dao.contactBefore(pbxId, e164, m.origTime().minus(window), m.origTime());
            NewFollowUp f = new NewFollowUp(FollowUpKind.VOICEMAIL, pbxId, m.msgId(),
                    contact.map(c -> c[1]).orElse(null), e164, m.callerName(), null,
                    contact.map(c -> c[0]).orElse(null), m.origTime(), null, m.msgId(), m.audioFile(),
                    m.durationSeconds());
            Optional<Long> id = dao.insert(f, FollowUpState.OPEN, clock.instant());
            if (id.isPresent()) { // no number or name in the log: the follow-up id says it all
                created++;
                contact.ifPresent(c -> dao.supersedeAbandon(pbxId, c[0], id.get(), clock.instant()));
                LOG.info("voicemail {} ({} s) is follow-up {}{}", m.msgId(), m.durationSeconds(), id.get(),
                        contact.map(c -> ", call " + c[0] + " in " + c[1]).orElse(""));
            }
        }
        return created;
    }

    private void link(VoicemailSpool.Message m) {
        phones.parseCallerId(m.callerNumber()).flatMap(n -> dao.contactBefore(pbxId, n.e164(),
                m.origTime().minus(window), m.origTime())).ifPresent(c -> dao.linkVoicemail(pbxId, m.msgId(), c[0],
                c[1], clock.instant()).ifPresent(id -> dao.supersedeAbandon(pbxId, c[0], id, clock.instant())));
    }
}
