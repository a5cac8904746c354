package io.aftercare.routing;

import io.aftercare.cases.CaseType;
import io.aftercare.core.Coded;
import io.aftercare.customers.Tier;
import io.aftercare.persistence.JdbcValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's hot-path reads in plain JDBC on dedicated connections that keep their prepared statements,
 * returning {@link RoutingLookupDao} rows. Measured on demo data (doc/benchmarks.md, "FastAGI route"): a jdbi
 * SqlObject call cost 70-700 us, a pooled connection with jdbi's handle and a fresh {@code prepareStatement}
 * per read 4-6 times the reads themselves; a kept statement costs only its execution. Sessions (a connection
 * and its three statements) are made on demand, at most {@code maxSessions}, and reused; one that fails is
 * closed and replaced by a new one on the next lookup. Thread-safe: a session serves one lookup at a time.
 */
final class RoutingLookups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingLookups.class);
    private static final String OPEN = "('open', 'in_progress', 'waiting_customer')";
    private static final String CALLER = "SELECT c.id, c.tier, c.language,"
            + " (SELECT o.id FROM orders o WHERE o.customer_id = c.id ORDER BY o.ordered_on DESC, o.id DESC LIMIT 1),"
            + " (SELECT o.ordered_on FROM orders o WHERE o.customer_id = c.id ORDER BY o.ordered_on DESC, o.id DESC"
            + " LIMIT 1),"
            + " EXISTS (SELECT 1 FROM warranties w WHERE w.customer_id = c.id AND w.starts_on <= ? AND w.ends_on >= ?),"
            + " EXISTS (SELECT 1 FROM cases k WHERE k.customer_id = c.id AND k.status IN " + OPEN + ")"
            + " FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.e164 = ?";
    private static final String OPEN_CASES = "SELECT c.id, c.type, a.interface FROM cases c"
            + " LEFT JOIN agents a ON a.id = c.owner_agent_id WHERE c.customer_id = ?"
            + " AND c.status IN " + OPEN
            + " ORDER BY c.opened_at DESC, c.id DESC LIMIT 10";
    private static final String CATEGORIES = "SELECT DISTINCT p.category FROM order_lines l"
            + " JOIN products p ON p.sku = l.sku WHERE l.order_id = ? ORDER BY p.category";

    /** Opens a connection for a session; the session owns and closes it. */
    @FunctionalInterface
    interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /** What one lookup reads, on one session. */
    interface Read<T> {
        T read(Session session) throws SQLException;
    }

    private final ConnectionOpener opener;
    private final BlockingQueue<Session> idle;
    private volatile boolean closed;

    RoutingLookups(ConnectionOpener opener, int maxSessions) {
        this.opener = opener;
        this.idle = new ArrayBlockingQueue<>(maxSessions);
    }

    /** Runs {@code read} on an idle session, or a new one when none is idle. */
    <T> T withSession(Read<T> read) throws SQLException {
        Session session = idle.poll();
        if (session == null) {
            session = new Session(opener.open());
        }
        try {
            T result = read.read(session);
            if (closed || !idle.offer(session)) { // more lookups at once than sessions kept: drop the extra
                session.close();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            session.close(); // its connection may be broken; the next lookup opens a fresh one
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        Session s;
        while ((s = idle.poll()) != null) {
            s.close();
        }
    }

    /** One connection with the route's three statements prepared once. Not thread-safe: one lookup at a time. */
    static final class Session {
        private final Connection connection;
        private final PreparedStatement caller;
        private final PreparedStatement openCases;
        private final PreparedStatement categories;

        Session(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                this.caller = connection.prepareStatement(CALLER);
                this.openCases = connection.prepareStatement(OPEN_CASES);
                this.categories = connection.prepareStatement(CATEGORIES);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        Optional<RoutingLookupDao.CallerRow> caller(String e164, LocalDate today) throws SQLException {
            PreparedStatement ps = caller;
            ps.setString(1, today.toString());
            ps.setString(2, today.toString());
            ps.setString(3, e164);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Long lastOrderId = JdbcValues.nullableLong(rs, 4);
                String orderedOn = rs.getString(5);
                return Optional.of(new RoutingLookupDao.CallerRow(rs.getLong(1),
                        Coded.parse(Tier.class, rs.getString(2), "tier"), rs.getString(3), lastOrderId,
                        orderedOn == null ? null : LocalDate.parse(orderedOn), rs.getBoolean(6), rs.getBoolean(7)));
            }
        }

        List<RoutingLookupDao.CaseRow> openCases(long customerId) throws SQLException {
            openCases.setLong(1, customerId);
            List<RoutingLookupDao.CaseRow> out = new ArrayList<>();
            try (ResultSet rs = openCases.executeQuery()) {
                while (rs.next()) {
                    out.add(new RoutingLookupDao.CaseRow(rs.getLong(1), Coded.parse(CaseType.class, rs.getString(2),
                            "type"), rs.getString(3)));
                }
            }
            return out;
        }

        List<String> categoriesOf(long orderId) throws SQLException {
            categories.setLong(1, orderId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = categories.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }

        void close() {
            try {
                connection.close(); // closes its statements
            } catch (SQLException e) {
                LOG.debug("routing lookup connection did not close cleanly: {}", e.toString());
            }
        }
    }
}
