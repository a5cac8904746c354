package io.aftercare.screenpop;

import io.aftercare.calls.CallFilter;
import io.aftercare.calls.CallRow;
import io.aftercare.calls.CallRows;
import io.aftercare.calls.CallSummary;
import io.aftercare.cases.CaseStatus;
import io.aftercare.cases.CaseType;
import io.aftercare.cases.SupportCase;
import io.aftercare.core.Coded;
import io.aftercare.customers.Customer;
import io.aftercare.customers.CustomerDetails;
import io.aftercare.customers.CustomerPhone;
import io.aftercare.customers.PhoneKind;
import io.aftercare.customers.Tier;
import io.aftercare.orders.OrderDetails;
import io.aftercare.orders.OrderLine;
import io.aftercare.persistence.JdbcQuery;
import io.aftercare.persistence.JdbcValues;
import io.aftercare.telephony.PhoneNumber;
import io.aftercare.warranties.Warranty;
import io.aftercare.web.PageRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads behind the ringing, connected and wrap-up messages, in plain JDBC on the caller's connection. They
 * run at every call event, and a jdbi SqlObject call costs 70-700 us here (it rebuilds the extension's metadata,
 * throwing and catching NoSuchMethodExceptions, at every attach) where a prepared statement costs tens of
 * microseconds; a pop made eleven such calls. The SQL and the records are those of the feature services
 * (customers, orders, cases, warranties), which {@code ScreenPopReadsIntegrationTest} checks on both databases.
 * Not thread-safe: one instance per connection and message.
 */
final class ScreenPopReads {
    private static final String DECISION = "SELECT rule_name, queue, priority, reason, fallback, case_id, customer_id,"
            + " caller_raw, caller_e164 FROM routing_decisions WHERE pbx_id = ? AND (uniqueid = ? OR linkedid = ?)"
            + " ORDER BY id DESC LIMIT 1";
    private static final String CONTACT = "SELECT caller_raw, caller_e164, queue,"
            + " CASE WHEN customer_linked_at IS NULL THEN NULL ELSE customer_id END FROM contacts"
            + " WHERE pbx_id = ? AND linkedid = ?";
    private static final String CUSTOMER_OF_PHONE = "SELECT customer_id FROM customer_phones WHERE e164 = ?";
    private static final String CUSTOMER = "SELECT id, external_ref, name, email, language, tier, country, time_zone,"
            + " survey_consent, do_not_call, created_at, updated_at FROM customers WHERE id = ?";
    private static final String PHONES = "SELECT e164, customer_id, kind FROM customer_phones WHERE customer_id = ?"
            + " ORDER BY created_at, e164";
    private static final String ORDERS = "SELECT id, order_number, customer_id, ordered_on, total_minor, currency,"
            + " channel FROM orders WHERE customer_id = ? ORDER BY ordered_on DESC, id DESC LIMIT ?";
    /** The lines and serials of a customer's newest orders, read with the orders' own bound, not an id list. */
    private static final String NEWEST = "SELECT id FROM orders WHERE customer_id = ?"
            + " ORDER BY ordered_on DESC, id DESC LIMIT ?";
    private static final String LINES = "SELECT l.id, l.order_id, l.line_no, l.sku, p.name, p.category, l.quantity,"
            + " l.unit_price_minor FROM order_lines l JOIN products p ON p.sku = l.sku"
            + " WHERE l.order_id IN (" + NEWEST + ") ORDER BY l.order_id, l.line_no";
    private static final String SERIALS = "SELECT s.order_line_id, s.serial_number FROM order_line_serials s"
            + " JOIN order_lines l ON l.id = s.order_line_id WHERE l.order_id IN (" + NEWEST + ")"
            + " ORDER BY s.serial_number";
    private static final String CASES = "SELECT id, customer_id, type, status, subject, sku, serial_number,"
            + " owner_agent_id, opened_at, updated_at, closed_at FROM cases WHERE customer_id = ?"
            + " ORDER BY opened_at DESC, id DESC LIMIT ?";
    private static final String WARRANTIES = "SELECT id, customer_id, serial_number, sku, plan, starts_on, ends_on"
            + " FROM warranties WHERE customer_id = ? ORDER BY ends_on DESC, id";
    private static final String REASONS = "SELECT code, label FROM disposition_reasons WHERE active = TRUE"
            + " ORDER BY label";

    /** A routing decision row. */
    record DecisionRow(String ruleName, String queue, int priority, String reason, boolean fallback, Long caseId,
                       Long customerId, String callerRaw, String callerE164) {}

    /**
     * What call tracking stored of the call; {@code customerId}: the customer an agent said it is from, or null.
     */
    record ContactRow(String callerRaw, String callerE164, String queue, Long linkedCustomerId) {}


    private final Connection connection;

    ScreenPopReads(Connection connection) {
        this.connection = connection;
    }

    /** The routing decision of a call: by the caller channel's uniqueid, else by linkedid. */
    Optional<DecisionRow> decision(String pbxId, String uniqueId, String linkedId) {
        return first(DECISION, rs -> new DecisionRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getBoolean(5), JdbcValues.nullableLong(rs, 6), JdbcValues.nullableLong(rs, 7), rs.getString(8), rs.getString(9)),
                pbxId, uniqueId, linkedId);
    }

    Optional<ContactRow> contact(String pbxId, String linkedId) {
        return first(CONTACT, rs -> new ContactRow(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getObject(4) == null ? null : rs.getLong(4)), pbxId, linkedId);
    }

    Optional<Long> customerOfPhone(String e164) {
        return first(CUSTOMER_OF_PHONE, rs -> rs.getLong(1), e164);
    }

    /** The customer with their phones, as {@code CustomerService.get} returns them; empty when there is none. */
    Optional<CustomerDetails> customer(long id) {
        return first(CUSTOMER, rs -> new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), Coded.parse(Tier.class, rs.getString(6), "tier"), rs.getString(7), rs.getString(8),
                rs.getBoolean(9), rs.getBoolean(10), JdbcValues.instant(rs, 11), JdbcValues.instant(rs, 12)), id)
                .map(c -> CustomerDetails.of(c, list(PHONES, rs -> new CustomerPhone(new PhoneNumber(rs.getString(1)),
                        rs.getLong(2), Coded.parse(PhoneKind.class, rs.getString(3), "kind")), id)));
    }

    /** The customer's newest orders with lines and serials, as {@code OrderService.ofCustomer} returns them. */
    List<OrderDetails> orders(long customerId, int limit) {
        Map<Long, List<String>> serials = new HashMap<>();
        for (Map.Entry<Long, String> s : list(SERIALS, rs -> Map.entry(rs.getLong(1), rs.getString(2)), customerId,
                limit)) {
            serials.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(s.getValue());
        }
        Map<Long, List<OrderLine>> lines = new HashMap<>();
        for (OrderLine line : list(LINES, rs -> new OrderLine(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getLong(8),
                List.copyOf(serials.getOrDefault(rs.getLong(1), List.of()))), customerId, limit)) {
            lines.computeIfAbsent(line.orderId(), k -> new ArrayList<>()).add(line);
        }
        return list(ORDERS, rs -> new OrderDetails(rs.getLong(1), rs.getString(2), rs.getLong(3),
                LocalDate.parse(rs.getString(4)), rs.getLong(5), rs.getString(6), rs.getString(7),
                List.copyOf(lines.getOrDefault(rs.getLong(1), List.of()))), customerId, limit);
    }

    /** The customer's newest cases, as {@code CaseService.ofCustomer} returns them. */
    List<SupportCase> cases(long customerId, int limit) {
        return list(CASES, rs -> new SupportCase(rs.getLong(1), rs.getLong(2),
                Coded.parse(CaseType.class, rs.getString(3), "type"),
                Coded.parse(CaseStatus.class, rs.getString(4), "status"), rs.getString(5), rs.getString(6),
                rs.getString(7), JdbcValues.nullableLong(rs, 8), JdbcValues.instant(rs, 9), JdbcValues.instant(rs, 10), JdbcValues.instant(rs, 11)),
                customerId, limit);
    }

    /** The customer's warranties with their status on {@code today}, as {@code WarrantyService.ofCustomer}. */
    List<Warranty.WarrantyView> warranties(long customerId, LocalDate today) {
        return list(WARRANTIES, rs -> new Warranty(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), LocalDate.parse(rs.getString(6)), LocalDate.parse(rs.getString(7))).on(today),
                customerId);
    }

    /**
     * The customer's last contacts other than the current call, newest first, read by the query of the call list
     * and the customer's contact history ({@link CallRows}), with the last disposition of each.
     */
    List<ScreenPop.PastContact> pastContacts(long customerId, String currentLinkedId, int limit) {
        CallRows rows = new CallRows(connection);
        List<CallRow> calls = rows.page(CallFilter.ofCustomer(customerId).without(currentLinkedId),
                PageRequest.first(limit));
        List<CallRow> shown = calls.size() > limit ? calls.subList(0, limit) : calls;
        Map<String, CallSummary.Disposition> dispositions = rows.dispositions(shown);
        return shown.stream().map(c -> ScreenPop.PastContact.of(c,
                dispositions.get(CallRows.key(c.pbxId(), c.linkedId())))).toList();
    }

    List<ScreenPop.ReasonCode> reasons() {
        return list(REASONS, rs -> new ScreenPop.ReasonCode(rs.getString(1), rs.getString(2)));
    }

    private <T> Optional<T> first(String sql, JdbcQuery.Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> list(String sql, JdbcQuery.Row<T> row, Object... params) {
        return JdbcQuery.list(connection, "screen pop", sql, row, params);
    }
}
