package io.aftercare.screenpop;

import io.aftercare.cases.CaseService;
import io.aftercare.cases.SupportCase;
import io.aftercare.core.ForbiddenException;
import io.aftercare.core.NotFoundException;
import io.aftercare.auth.Principal;
import io.aftercare.customers.CustomerDetails;
import io.aftercare.customers.CustomerService;
import io.aftercare.orders.OrderDetails;
import io.aftercare.orders.OrderLine;
import io.aftercare.orders.OrderService;
import io.aftercare.warranties.WarrantyService;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Builds screen pops, the ringing summary and the wrap-up form from the stored after-sales world. Thread-safe. */
public final class ScreenPopService {
    static final int ORDERS_PER_PAGE = 50;
    private static final int PAST_CONTACTS = 10;

    private final Jdbi jdbi;
    private final CustomerService customers;
    private final OrderService orders;
    private final WarrantyService warranties;
    private final CaseService cases;
    private final ProductAffinity affinity;

    public ScreenPopService(Jdbi jdbi, CustomerService customers, OrderService orders, WarrantyService warranties,
                            CaseService cases, ProductAffinity affinity) {
        this.jdbi = jdbi;
        this.customers = customers;
        this.orders = orders;
        this.warranties = warranties;
        this.cases = cases;
        this.affinity = affinity;
    }

    /** A call as the PBX names it. */
    public record CallRef(String pbxId, String linkedId, String uniqueId, String queue) {}

    /** Who is calling and why they came here: what the agent sees while the phone rings. */
    public ScreenPop.Ringing ringing(CallRef ref) {
        Known known = identify(ref);
        return new ScreenPop.Ringing(known.call(), known.customer().map(ScreenPopService::summary).orElse(null),
                known.routing());
    }

    /** The full pop, with the first page of orders. */
    public ScreenPop pop(CallRef ref) {
        Known known = identify(ref);
        if (known.customer().isEmpty()) {
            return new ScreenPop(known.call(), null, known.routing(), List.of(), false, List.of(), List.of(),
                    List.of(), List.of(), List.of(), ScreenPop.SEARCH_BY);
        }
        CustomerDetails customer = known.customer().get();
        List<OrderDetails> page = orders.ofCustomer(customer.id(), ORDERS_PER_PAGE + 1, 0);
        boolean more = page.size() > ORDERS_PER_PAGE;
        List<OrderDetails> shown = more ? page.subList(0, ORDERS_PER_PAGE) : page;
        List<SupportCase> all = cases.ofCustomer(customer.id(), 30);
        List<String> phones = customer.phones().stream().map(p -> p.e164().e164()).toList();
        List<ScreenPop.PastContact> past = phones.isEmpty() ? List.of() : jdbi.withHandle(h ->
                h.attach(ScreenPopDao.class).pastContacts(phones, ref.linkedId(), PAST_CONTACTS));
        List<String> owned = shown.stream().flatMap(o -> o.lines().stream()).map(OrderLine::sku).distinct().toList();
        return new ScreenPop(known.call(), summary(customer), known.routing(), List.copyOf(shown), more,
                warranties.ofCustomer(customer.id()), all.stream().filter(c -> c.status().isOpen()).toList(),
                all.stream().filter(c -> !c.status().isOpen()).limit(10).toList(), past,
                affinity.suggest(owned, 5), List.of());
    }

    /** The disposition form: the caller's open cases and the reason codes. */
    public ScreenPop.WrapUp wrapUp(CallRef ref) {
        Known known = identify(ref);
        List<SupportCase> open = known.customer().map(c -> cases.ofCustomer(c.id(), 30).stream()
                .filter(sc -> sc.status().isOpen()).toList()).orElse(List.of());
        List<ScreenPop.ReasonCode> reasons = jdbi.withHandle(h -> h.attach(ScreenPopDao.class).reasons());
        return new ScreenPop.WrapUp(known.call(), known.customer().map(ScreenPopService::summary).orElse(null), open,
                reasons);
    }

    /** The pop of a call for a principal: agents only for calls that rang or reached them. */
    public ScreenPop popFor(Principal principal, String pbxId, String linkedId) {
        ScreenPopDao.ContactRow contact = jdbi.withHandle(h -> h.attach(ScreenPopDao.class).contact(pbxId, linkedId))
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
        return lookUp(ref).customerId();
    }

    /** The member interface of an agent account, e.g. Local/agent1@agents. */
    public Optional<String> interfaceOf(Principal principal) {
        return principal.agent().flatMap(id -> jdbi.withHandle(h -> h.attach(ScreenPopDao.class).agentInterface(id)));
    }

    private record Known(ScreenPop.Call call, Optional<CustomerDetails> customer, ScreenPop.Routing routing) {}

    private record Identified(ScreenPop.Call call, Optional<Long> customerId, ScreenPop.Routing routing) {}

    private Known identify(CallRef ref) {
        Identified found = lookUp(ref); // one handle; the customer is read after it is returned to the pool
        return new Known(found.call(), found.customerId().map(customers::get), found.routing());
    }

    private Identified lookUp(CallRef ref) {
        return jdbi.withHandle(h -> {
            ScreenPopDao dao = h.attach(ScreenPopDao.class);
            Optional<ScreenPopDao.DecisionRow> decision = dao.decision(ref.pbxId(),
                    ref.uniqueId() == null ? "" : ref.uniqueId(), ref.linkedId());
            Optional<ScreenPopDao.ContactRow> contact = dao.contact(ref.pbxId(), ref.linkedId());
            String callerRaw = decision.map(ScreenPopDao.DecisionRow::callerRaw)
                    .or(() -> contact.map(ScreenPopDao.ContactRow::callerRaw)).orElse(null);
            String e164 = decision.map(ScreenPopDao.DecisionRow::callerE164)
                    .or(() -> contact.map(ScreenPopDao.ContactRow::callerE164)).orElse(null);
            Optional<Long> customerId = decision.map(ScreenPopDao.DecisionRow::customerId)
                    .or(() -> Optional.ofNullable(e164).flatMap(dao::customerOfPhone));
            ScreenPop.Routing routing = decision.map(d -> new ScreenPop.Routing(d.ruleName(), d.queue(), d.priority(),
                    d.reason(), d.fallback(), d.caseId())).orElse(null);
            var call = new ScreenPop.Call(ref.pbxId(), ref.linkedId(), ref.uniqueId(),
                    ref.queue() != null ? ref.queue() : contact.map(ScreenPopDao.ContactRow::queue).orElse(null),
                    callerRaw, e164);
            return new Identified(call, customerId, routing);
        });
    }

    private static ScreenPop.Customer summary(CustomerDetails c) {
        return new ScreenPop.Customer(c.id(), c.name(), c.tier(), c.language(),
                c.phones().stream().map(p -> p.e164().e164()).toList());
    }
}
