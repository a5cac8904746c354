package io.aftercare.screenpop;

import io.aftercare.calls.CallRow;
import io.aftercare.calls.CallSummary;
import io.aftercare.cases.SupportCase;
import io.aftercare.customers.Tier;
import io.aftercare.orders.OrderDetails;
import io.aftercare.orders.Product;
import io.aftercare.warranties.Warranty;
import java.time.Instant;
import java.util.List;

/**
 * Everything an agent sees when a call reaches them: who calls, what they bought, what is under warranty,
 * what is open, what happened on past calls, and why the call came to this agent. {@code ordersCursor} pages on
 * from the first page of orders ({@code after} of {@code /api/customers/{id}/orders}), null when it holds them all.
 * Immutable.
 */
public record ScreenPop(Call call, Customer customer, Routing routing, List<OrderDetails> orders,
                        String ordersCursor, List<Warranty.WarrantyView> warranties, List<SupportCase> openCases,
                        List<SupportCase> recentCases, List<PastContact> lastContacts,
                        List<Product> suggestedAccessories, List<String> searchBy) {

    /** The call the pop is about. */
    public record Call(String pbxId, String linkedId, String uniqueId, String queue, String callerRaw,
                       String callerE164) {}

    /** The caller as a customer; null in the pop when the caller is unknown. */
    public record Customer(long id, String name, Tier tier, String language, List<String> phones) {}

    /** Why the call was routed as it was; null when no routing decision was recorded. */
    public record Routing(String rule, String queue, int priority, String reason, boolean fallback,
                          Long caseId) {}

    /** One earlier call of the same customer (in or out), with its last disposition. */
    public record PastContact(String linkedId, Instant at, String queue, String outcome, String answeredBy,
                              String reasonCode, Boolean resolved) {
        static PastContact of(CallRow call, CallSummary.Disposition disposition) {
            return new PastContact(call.linkedId(), call.startedAt(), call.queue(), call.outcome().code(),
                    call.agent(), disposition == null ? null : disposition.reasonCode(),
                    disposition == null ? null : disposition.resolved());
        }
    }

    /** The light message sent while the agent's phone rings. */
    public record Ringing(Call call, Customer customer, Routing routing) {}

    /** The disposition form's data, sent when the call ends. */
    public record WrapUp(Call call, Customer customer, List<SupportCase> openCases, List<ReasonCode> reasons) {}

    /** One selectable disposition reason. */
    public record ReasonCode(String code, String label) {}

    /** How to find an unknown caller. */
    static final List<String> SEARCH_BY = List.of("phone", "orderNumber", "serialNumber");
}
