package io.aftercare.screenpop;

import io.aftercare.auth.Principal;
import io.aftercare.cases.SupportCase;
import io.aftercare.core.ForbiddenException;
import io.aftercare.core.NotFoundException;
import io.aftercare.customers.CustomerDetails;
import io.aftercare.orders.OrderDetails;
import io.aftercare.orders.OrderLine;
import io.aftercare.orders.OrderService;
import io.aftercare.telephony.PhoneNumber;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds screen pops, the ringing summary and the wrap-up form from the stored after-sales world, each with its
 * reads on one connection ({@link ScreenPopReads}). Thread-safe.
 */
public final class ScreenPopService {
    static final int ORDERS_PER_PAGE = 50;
    private static final int PAST_CONTACTS = 10;
    private static final int CASES = 30;

    private final Jdbi jdbi;
    private final ProductAffinity affinity;
    private final PhoneNumbers phones;
    private final Clock clock;

    public ScreenPopService(Jdbi jdbi, ProductAffinity affinity, PhoneNumbers phones, Clock clock) {
        this.jdbi = jdbi;
        this.affinity = affinity;
        this.phones = phones;
        this.clock = clock;
    }

    /**
     * A call as the PBX names it; {@code callerIdNum}, when the event that asks for the pop carried it (null
     * otherwise), identifies the caller while neither the route's decision nor the call record is written yet.
     */
    public record CallRef(String pbxId, String linkedId, String uniqueId, String queue, String callerIdNum) {
        public CallRef(String pbxId, String linkedId, String uniqueId, String queue) {
            this(pbxId, linkedId, uniqueId, queue, null);
        }
    }

    /** Who is calling and why they came here: what the agent sees while the phone rings. */
    public ScreenPop.Ringing ringing(CallRef ref) {
        return read(db -> {
            Known known = identify(db, ref, phones);
            return new ScreenPop.Ringing(known.call(), known.customer().map(ScreenPopService::summary).orElse(null),
                    known.routing());
        });
    }

    /** The full pop, with the first page of orders. */
    public ScreenPop pop(CallRef ref) {
        return read(db -> pop(db, ref));
    }

    private ScreenPop pop(ScreenPopReads db, CallRef ref) {
        Known known = identify(db, ref, phones);
        if (known.customer().isEmpty()) {
            return new ScreenPop(known.call(), null, known.routing(), List.of(), null, List.of(), List.of(),
                    List.of(), List.of(), List.of(), ScreenPop.SEARCH_BY);
        }
        CustomerDetails customer = known.customer().get();
        List<OrderDetails> page = db.orders(customer.id(), ORDERS_PER_PAGE + 1);
        boolean more = page.size() > ORDERS_PER_PAGE;
        List<OrderDetails> shown = more ? page.subList(0, ORDERS_PER_PAGE) : page;
        List<SupportCase> all = db.cases(customer.id(), CASES);
        List<ScreenPop.PastContact> past = db.pastContacts(customer.id(), ref.linkedId(), PAST_CONTACTS);
        List<String> owned = shown.stream().flatMap(o -> o.lines().stream()).map(OrderLine::sku).distinct().toList();
        return new ScreenPop(known.call(), summary(customer), known.routing(), List.copyOf(shown),
                more ? OrderService.position(shown.get(shown.size() - 1)).encode() : null,
                db.warranties(customer.id(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)),
                all.stream().filter(c -> c.status().isOpen()).toList(),
                all.stream().filter(c -> !c.status().isOpen()).limit(10).toList(), past,
                affinity.suggest(owned, 5), List.of());
    }

    /** The disposition form: the caller's open cases and the reason codes. */
    public ScreenPop.WrapUp wrapUp(CallRef ref) {
        return read(db -> {
            Known known = identify(db, ref, phones);
            List<SupportCase> open = known.customer().map(c -> db.cases(c.id(), CASES).stream()
                    .filter(sc -> sc.status().isOpen()).toList()).orElse(List.of());
            return new ScreenPop.WrapUp(known.call(), known.customer().map(ScreenPopService::summary).orElse(null),
                    open, db.reasons());
        });
    }

    /** The pop of a call for a principal: agents only for calls that rang or reached them. */
    public ScreenPop popFor(Principal principal, String pbxId, String linkedId) {
        ScreenPopReads.ContactRow contact = read(db -> db.contact(pbxId, linkedId))
                .orElseThrow(() -> new NotFoundException("call " + linkedId + " is not known"));
        if (!principal.seesAllAgents()) {
            checkHandledBy(principal, pbxId, linkedId);
        }
        return pop(new CallRef(pbxId, linkedId, null, contact.queue()));
    }

    /** Throws unless the principal's agent rang on or talked on the call. */
    public String checkHandledBy(Principal principal, String pbxId, String linkedId) {
        return jdbi.withHandle(h -> {
            ScreenPopDao dao = h.attach(ScreenPopDao.class);
            String iface = principal.agent().flatMap(dao::agentInterface)
                    .orElseThrow(() -> new ForbiddenException("this account is not an agent"));
            if (dao.segmentsOfAgent(pbxId, linkedId, iface) == 0) {
                throw new ForbiddenException("call " + linkedId + " was not yours");
            }
            return iface;
        });
    }

    /** The customer a call came from, when known. */
    public Optional<Long> customerOf(CallRef ref) {
        return read(db -> lookUp(db, ref, phones).customerId());
    }

    /** The member interface of an agent account, e.g. Local/agent1@agents. */
    public Optional<String> interfaceOf(Principal principal) {
        return principal.agent().flatMap(id -> jdbi.withHandle(h -> h.attach(ScreenPopDao.class).agentInterface(id)));
    }

    private record Known(ScreenPop.Call call, Optional<CustomerDetails> customer, ScreenPop.Routing routing) {}

    private record Identified(ScreenPop.Call call, Optional<Long> customerId, ScreenPop.Routing routing) {}

    private static Known identify(ScreenPopReads db, CallRef ref, PhoneNumbers phones) {
        Identified found = lookUp(db, ref, phones);
        return new Known(found.call(), found.customerId().flatMap(db::customer), found.routing());
    }

    /**
     * The customer an agent said the call is from ({@link CallerLinks}), else the route's decision, else the
     * caller's number; the caller's number: the route's, the call record's, the asking event's.
     */
    private static Identified lookUp(ScreenPopReads db, CallRef ref, PhoneNumbers phones) {
        Optional<ScreenPopReads.DecisionRow> decision = db.decision(ref.pbxId(),
                ref.uniqueId() == null ? "" : ref.uniqueId(), ref.linkedId());
        Optional<ScreenPopReads.ContactRow> contact = db.contact(ref.pbxId(), ref.linkedId());
        Optional<String> fromEvent = Optional.ofNullable(ref.callerIdNum()).filter(n -> !n.isBlank());
        String callerRaw = decision.map(ScreenPopReads.DecisionRow::callerRaw)
                .or(() -> contact.map(ScreenPopReads.ContactRow::callerRaw)).or(() -> fromEvent).orElse(null);
        String e164 = decision.map(ScreenPopReads.DecisionRow::callerE164)
                .or(() -> contact.map(ScreenPopReads.ContactRow::callerE164))
                .or(() -> fromEvent.flatMap(phones::parseCallerId).map(PhoneNumber::e164)).orElse(null);
        Optional<Long> customerId = contact.map(ScreenPopReads.ContactRow::linkedCustomerId)
                .or(() -> decision.map(ScreenPopReads.DecisionRow::customerId))
                .or(() -> Optional.ofNullable(e164).flatMap(db::customerOfPhone));
        ScreenPop.Routing routing = decision.map(d -> new ScreenPop.Routing(d.ruleName(), d.queue(), d.priority(),
                d.reason(), d.fallback(), d.caseId())).orElse(null);
        var call = new ScreenPop.Call(ref.pbxId(), ref.linkedId(), ref.uniqueId(),
                ref.queue() != null ? ref.queue() : contact.map(ScreenPopReads.ContactRow::queue).orElse(null),
                callerRaw, e164);
        return new Identified(call, customerId, routing);
    }

    /** Runs {@code work} with reads on one pooled connection. */
    private <T> T read(Function<ScreenPopReads, T> work) {
        return jdbi.withHandle(h -> work.apply(new ScreenPopReads(h.getConnection())));
    }

    private static ScreenPop.Customer summary(CustomerDetails c) {
        return new ScreenPop.Customer(c.id(), c.name(), c.tier(), c.language(),
                c.phones().stream().map(p -> p.e164().e164()).toList());
    }
}
