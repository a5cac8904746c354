package io.aftercare.controls;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.auth.Principal;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.core.ConflictException;
import io.aftercare.core.ForbiddenException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.telephony.CallCommands;
import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Click-to-call: an agent calls a customer back from their console. aftercare originates the call to the agent's own
 * phone (their queue interface) and, once they answer, runs {@code calls.outbound_context} with the customer's
 * number, which dials them. The call is an outbound contact of kind {@link ContactKind#CLICK_TO_CALL}, tracked from
 * its first event (its originate id is its Linkedid): the agent's ring, talk and after-call work, and the customer's
 * answer as its outcome. Numbers on the do-not-call list, and customers marked so, are refused. Blocking: runs on a
 * worker thread. Thread-safe.
 */
public final class ClickToCall {
    private final CallCommands pbx;
    private final CallTrackingService tracking;
    private final Jdbi jdbi;
    private final PhoneNumbers phones;
    private final AftercareConfig.Calls config;
    private final PbxAnswers answers;
    private final Clock clock;
    /** The last stamp given, so two calls of one agent within a millisecond still get different ids. */
    private final AtomicLong lastStamp = new AtomicLong();

    /** Whom to call: a customer (their first number unless {@code number} names another of theirs) or a number. */
    public record Request(String pbxId, Long customerId, String number) {}

    /** The call placed: its Linkedid (the originate id), the agent rung first, the customer and number dialled. */
    public record Placed(String linkedId, String pbxId, String agent, Long customerId, String number) {}

    public ClickToCall(CallCommands pbx, CallTrackingService tracking, Jdbi jdbi, PhoneNumbers phones,
                       AftercareConfig.Calls config, PbxAnswers answers, Clock clock) {
        this.pbx = pbx;
        this.tracking = tracking;
        this.jdbi = jdbi;
        this.phones = phones;
        this.config = config;
        this.answers = answers;
        this.clock = clock;
    }

    public Placed place(Principal who, String pbxId, Request request) {
        boolean byNumber = request.number() != null && !request.number().isBlank();
        if (request.customerId() == null && !byNumber) {
            throw new ValidationException("give customerId, number, or both");
        }
        long agentId = who.agent().orElseThrow(() -> new ForbiddenException("only an agent's account can place a"
                + " call: aftercare rings the agent's phone first"));
        String agent = jdbi.withExtension(ControlsDao.class, dao -> dao.interfaceOf(agentId)).orElseThrow(() ->
                new ForbiddenException("this account's agent no longer exists"));
        String e164 = byNumber ? phones.parse(request.number()).e164() : null;
        Optional<ControlsDao.Callee> callee;
        if (request.customerId() != null) {
            callee = Optional.of(jdbi.withExtension(ControlsDao.class, dao -> dao.customer(request.customerId()))
                    .orElseThrow(() -> new NotFoundException("no customer " + request.customerId())));
            List<String> theirs = jdbi.withExtension(ControlsDao.class, dao -> dao.phones(request.customerId()));
            if (e164 != null && !theirs.contains(e164)) {
                throw new ValidationException(e164 + " is not a number of customer " + request.customerId());
            }
            if (e164 == null && theirs.isEmpty()) {
                throw new ValidationException("customer " + request.customerId() + " has no phone number");
            }
            e164 = e164 != null ? e164 : theirs.get(0);
        } else {
            String number = e164;
            callee = jdbi.withExtension(ControlsDao.class, dao -> dao.customerOf(number));
        }
        String number = e164;
        Long customerId = callee.map(ControlsDao.Callee::id).orElse(null);
        if (callee.map(ControlsDao.Callee::doNotCall).orElse(false) || jdbi.withExtension(ControlsDao.class,
                dao -> dao.onDoNotCallList(number, customerId))) {
            throw new ConflictException(number + (customerId == null ? "" : " (customer " + customerId + ")")
                    + " is on the do-not-call list");
        }
        answers.ask(tracking, t -> t.callOf(pbxId, agent)).ifPresent(linkedId -> {
            throw new ConflictException("you are on call " + linkedId + ": end it before placing another");
        });
        String id = ContactKind.CLICK_TO_CALL.originateId(stamp(), Math.toIntExact(agentId));
        String name = callee.map(ControlsDao.Callee::name).map(n -> n.replace("\"", "").strip()).orElse("");
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(DialplanVariables.CUSTOMER_CHANNEL, config.customerChannelTemplate()
                .replace("${number}", number).replace("${digits}", number.substring(1)));
        variables.put(DialplanVariables.OUTBOUND_CALLER_ID, config.outboundCallerId());
        // the agent's phone shows whom it is about to call; the customer sees calls.outbound_caller_id
        answers.await(pbxId, "Originate", agent, pbx.originate(pbxId, id, agent, config.outboundContext(),
                number.substring(1), "\"" + name + "\" <" + number + ">", config.agentRingTimeout(), variables));
        return new Placed(id, pbxId, agent, customerId, number);
    }

    private long stamp() {
        long now = clock.millis();
        return lastStamp.updateAndGet(last -> Math.max(last + 1, now));
    }
}
