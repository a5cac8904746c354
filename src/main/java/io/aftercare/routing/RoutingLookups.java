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
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's hot-path reads in plain JDBC on dedicated connections that keep their prepared statements,
 * returning {@link RoutingLookupDao} rows. Measured on demo data (doc/benchmarks.md, "FastAGI route"): a jdbi
 * SqlObject call cost 70-700 us, a pooled connection with jdbi's handle and a fresh {@code prepareStatement}
 * per read 4-6 times the reads themselves; a kept statement costs only its execution. Sessions (a connection
 * and its two statements) are made on demand, at most {@code maxSessions}, and reused; one that fails is
 * closed and replaced by a new one on the next lookup. Thread-safe: a session serves one lookup at a time.
 */
final class RoutingLookups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingLookups.class);
    static final String OPEN = "('open', 'in_progress', 'waiting_customer')";
    /** On PostgreSQL, a read still running after this is cancelled (the driver sends a cancel request). */
    private static final int QUERY_TIMEOUT_SECONDS = 5;
    /**
     * The caller's customer, newest order with one row per line's product category (one row with NULL category
     * when there is no order or the order has no lines), active warranty and whether any case is open: the whole
     * context but the open cases in one statement, every step an index search ({@code V10} made the warranty and
     * order-line steps covering).
     */
    private static final String CALLER = "SELECT c.id, c.tier, c.language, o.ordered_on,"
            + " EXISTS (SELECT 1 FROM warranties w WHERE w.customer_id = c.id AND w.starts_on <= ? AND w.ends_on >= ?),"
            + " EXISTS (SELECT 1 FROM cases k WHERE k.customer_id = c.id AND k.status IN " + OPEN + "),"
            + " pr.category"
            + " FROM customer_phones ph JOIN customers c ON c.id = ph.customer_id"
            + " LEFT JOIN orders o ON o.id = (SELECT o2.id FROM orders o2 WHERE o2.customer_id = c.id"
            + " ORDER BY o2.ordered_on DESC, o2.id DESC LIMIT 1)"
            + " LEFT JOIN order_lines l ON l.order_id = o.id LEFT JOIN products pr ON pr.sku = l.sku"
            + " WHERE ph.e164 = ?";
    private static final String OPEN_CASES = "SELECT c.id, c.type, a.interface FROM cases c"
            + " LEFT JOIN agents a ON a.id = c.owner_agent_id WHERE c.customer_id = ?"
            + " AND c.status IN " + OPEN
            + " ORDER BY c.opened_at DESC, c.id DESC LIMIT 10";

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

    /** One connection with the route's two statements prepared once. Not thread-safe: one lookup at a time. */
    static final class Session {
        private final Connection connection;
        private final PreparedStatement caller;
        private final PreparedStatement openCases;

        Session(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                this.caller = connection.prepareStatement(CALLER);
                this.openCases = connection.prepareStatement(OPEN_CASES);
                if (!"SQLite".equals(connection.getMetaData().getDatabaseProductName())) {
                    // The call has long had its fallback; this frees the lookup thread from a lock (a lost server:
                    // the connection's socketTimeout, Database.openDedicated). sqlite-jdbc would only swap the busy
                    // timeout on every read, and WAL reads take no lock.
                    caller.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                    openCases.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                }
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        Optional<RoutingLookupDao.CallerRow> caller(String e164, LocalDate today) throws SQLException {
            PreparedStatement ps = caller;
            String day = today.toString();
            ps.setString(1, day);
            ps.setString(2, day);
            ps.setString(3, e164);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                Tier tier = Coded.parse(Tier.class, rs.getString(2), "tier");
                String language = rs.getString(3);
                String orderedOn = rs.getString(4);
                boolean warranty = rs.getBoolean(5);
                boolean openCases = rs.getBoolean(6);
                SortedSet<String> categories = new TreeSet<>();
                do {
                    String category = rs.getString(7);
                    if (category != null) {
                        categories.add(category);
                    }
                } while (rs.next());
                return Optional.of(new RoutingLookupDao.CallerRow(id, tier, language,
                        orderedOn == null ? null : LocalDate.parse(orderedOn), List.copyOf(categories), warranty,
                        openCases));
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

        void close() {
            try {
                connection.close(); // closes its statements
            } catch (SQLException e) {
                LOG.debug("routing lookup connection did not close cleanly: {}", e.toString());
            }
        }
    }
}
