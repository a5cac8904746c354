package io.aftercare.routing;

import io.aftercare.cases.CaseType;
import io.aftercare.core.Coded;
import io.aftercare.customers.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The route's hot-path reads in plain JDBC on the handle's connection, returning {@link RoutingLookupDao} rows.
 * Measured on 100,000 demo customers: a jdbi SqlObject call cost 70-700 us (proxy per attach, reflective
 * mapping), a prepared JDBC statement 11-37 us, and the route makes two or three per call
 * (doc/benchmarks.md, "FastAGI route"). Stateless and thread-safe; the connection is the caller's.
 */
final class RoutingLookups {
    private static final String CALLER = "SELECT c.id, c.tier, c.language,"
            + " (SELECT o.id FROM orders o WHERE o.customer_id = c.id ORDER BY o.ordered_on DESC, o.id DESC LIMIT 1),"
            + " (SELECT o.ordered_on FROM orders o WHERE o.customer_id = c.id ORDER BY o.ordered_on DESC, o.id DESC"
            + " LIMIT 1),"
            + " EXISTS (SELECT 1 FROM warranties w WHERE w.customer_id = c.id AND w.starts_on <= ? AND w.ends_on >= ?)"
            + " FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.e164 = ?";
    private static final String OPEN_CASES = "SELECT c.id, c.type, a.interface FROM cases c"
            + " LEFT JOIN agents a ON a.id = c.owner_agent_id WHERE c.customer_id = ?"
            + " AND c.status IN ('open', 'in_progress', 'waiting_customer')"
            + " ORDER BY c.opened_at DESC, c.id DESC LIMIT 10";
    private static final String CATEGORIES = "SELECT DISTINCT p.category FROM order_lines l"
            + " JOIN products p ON p.sku = l.sku WHERE l.order_id = ? ORDER BY p.category";

    private RoutingLookups() {}

    static Optional<RoutingLookupDao.CallerRow> caller(Connection c, String e164, LocalDate today) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CALLER)) {
            ps.setString(1, today.toString());
            ps.setString(2, today.toString());
            ps.setString(3, e164);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long orderId = rs.getLong(4);
                Long lastOrderId = rs.wasNull() ? null : orderId;
                String orderedOn = rs.getString(5);
                return Optional.of(new RoutingLookupDao.CallerRow(rs.getLong(1),
                        Coded.parse(Tier.class, rs.getString(2), "tier"), rs.getString(3), lastOrderId,
                        orderedOn == null ? null : LocalDate.parse(orderedOn), rs.getBoolean(6)));
            }
        }
    }

    static List<RoutingLookupDao.CaseRow> openCases(Connection c, long customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN_CASES)) {
            ps.setLong(1, customerId);
            List<RoutingLookupDao.CaseRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RoutingLookupDao.CaseRow(rs.getLong(1), Coded.parse(CaseType.class, rs.getString(2),
                            "type"), rs.getString(3)));
                }
            }
            return out;
        }
    }

    static List<String> categoriesOf(Connection c, long orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CATEGORIES)) {
            ps.setLong(1, orderId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
