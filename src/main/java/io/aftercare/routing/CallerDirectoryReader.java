package io.aftercare.routing;

import io.aftercare.cases.CaseType;
import io.aftercare.core.Coded;
import io.aftercare.customers.Tier;
import io.aftercare.routing.CallerDirectory.Caller;
import io.aftercare.routing.RoutingContext.OpenCase;
import io.aftercare.telephony.PhoneNumber;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads customers' routing facts for the {@link CallerDirectory}, either everyone (a full load: five scans) or a
 * list of customers (five indexed reads per 500). The facts are those {@link RoutingLookups} reads for one caller,
 * kept in a form that holds for later days too (warranty periods, not "active today"). Thread-safe.
 */
final class CallerDirectoryReader {
    private static final int CHUNK = 500;
    /** At most this many open cases per customer, newest first, as the per-call read keeps. */
    private static final int CASES_KEPT = 10;

    /** A row handler that may throw, as JDBC's getters do. */
    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private final Jdbi jdbi;
    private final boolean streamInTransaction;

    /**
     * @param streamInTransaction read everyone inside a transaction: PostgreSQL streams rows (fetch size) only
     *     there; SQLite must not, as its transactions take the write lock when they begin (Database)
     */
    CallerDirectoryReader(Jdbi jdbi, boolean streamInTransaction) {
        this.jdbi = jdbi;
        this.streamInTransaction = streamInTransaction;
    }

    /** Every customer, with the warranties that have not ended before {@code today}. */
    List<Caller> all(LocalDate today) {
        return streamInTransaction ? jdbi.inTransaction(h -> read(h, null, today)) : jdbi.withHandle(h -> read(h, null, today));
    }

    /** The customers {@code ids} as they are now; an id that no longer exists is absent. */
    List<Caller> of(Collection<Long> ids, LocalDate today) {
        List<Long> list = List.copyOf(ids);
        List<Caller> out = new ArrayList<>(list.size());
        jdbi.useHandle(h -> {
            for (int from = 0; from < list.size(); from += CHUNK) {
                out.addAll(read(h, list.subList(from, Math.min(list.size(), from + CHUNK)), today));
            }
        });
        return out;
    }

    private static List<Caller> read(Handle h, List<Long> ids, LocalDate today) {
        Map<Long, Draft> drafts = new HashMap<>();
        Map<String, String> shared = new HashMap<>(); // one String per category and language
        rows(h, "SELECT id, tier, language FROM customers" + only(ids, "id", "WHERE"), ids, rs ->
                drafts.put(rs.getLong(1), new Draft(Coded.parse(Tier.class, rs.getString(2), "tier"),
                        intern(shared, rs.getString(3)))));
        rows(h, "SELECT customer_id, e164 FROM customer_phones" + only(ids, "customer_id", "WHERE"), ids, rs -> {
            Draft d = drafts.get(rs.getLong(1));
            String e164 = rs.getString(2);
            if (d != null && PhoneNumber.isE164(e164)) { // a number written around aftercare may be anything
                d.phones.add(new PhoneNumber(e164));
            }
        });
        rows(h, "SELECT c.id, o.ordered_on, pr.category FROM customers c"
                + " JOIN orders o ON o.id = (SELECT o2.id FROM orders o2 WHERE o2.customer_id = c.id"
                + " ORDER BY o2.ordered_on DESC, o2.id DESC LIMIT 1)"
                + " LEFT JOIN order_lines l ON l.order_id = o.id LEFT JOIN products pr ON pr.sku = l.sku"
                + only(ids, "c.id", "WHERE"), ids, rs -> {
                    Draft d = drafts.get(rs.getLong(1));
                    if (d != null) {
                        d.lastOrderedOn = date(rs.getString(2));
                        String category = rs.getString(3);
                        if (category != null) {
                            d.categories.add(intern(shared, category));
                        }
                    }
                });
        Query warranties = h.createQuery("SELECT customer_id, starts_on, ends_on FROM warranties WHERE ends_on >= :from"
                + only(ids, "customer_id", "AND")).bind("from", today.minusDays(1).toString());
        rows(ids == null ? warranties : warranties.bindList("ids", ids), rs -> {
            Draft d = drafts.get(rs.getLong(1));
            LocalDate starts = date(rs.getString(2));
            LocalDate ends = date(rs.getString(3));
            if (d != null && starts != null && ends != null) {
                d.warranties.add(starts.toEpochDay());
                d.warranties.add(ends.toEpochDay());
            }
        });
        rows(h, "SELECT k.customer_id, k.id, k.type, a.interface FROM cases k"
                + " LEFT JOIN agents a ON a.id = k.owner_agent_id WHERE k.status IN " + RoutingLookups.OPEN
                + only(ids, "k.customer_id", "AND") + " ORDER BY k.customer_id, k.opened_at DESC, k.id DESC", ids, rs -> {
                    Draft d = drafts.get(rs.getLong(1));
                    if (d != null && d.cases.size() < CASES_KEPT) {
                        d.cases.add(new OpenCase(rs.getLong(2), Coded.parse(CaseType.class, rs.getString(3), "type"),
                                Optional.ofNullable(rs.getString(4))));
                    }
                });
        List<Caller> out = new ArrayList<>(drafts.size());
        drafts.forEach((id, d) -> out.add(d.build(id)));
        return out;
    }

    private static String only(List<Long> ids, String column, String keyword) {
        return ids == null ? "" : " " + keyword + " " + column + " IN (<ids>)";
    }

    private static void rows(Handle h, String sql, List<Long> ids, Row row) {
        Query q = h.createQuery(sql);
        rows(ids == null ? q : q.bindList("ids", ids), row);
    }

    private static void rows(Query q, Row row) {
        q.setFetchSize(1_000).map((rs, ctx) -> {
            row.accept(rs);
            return Boolean.TRUE;
        }).forEach(ignored -> { });
    }

    /**
     * A stored ISO date, or null when a writer around aftercare stored something else: one bad row must not stop
     * the whole load: the caller is routed without that fact.
     */
    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String intern(Map<String, String> shared, String s) {
        return s == null ? null : shared.computeIfAbsent(s, k -> k);
    }

    /** A customer's facts while the five reads come in. */
    private static final class Draft {
        final Tier tier;
        final String language;
        final List<PhoneNumber> phones = new ArrayList<>(2);
        final TreeSet<String> categories = new TreeSet<>();
        final List<OpenCase> cases = new ArrayList<>(0);
        final List<Long> warranties = new ArrayList<>(0);
        LocalDate lastOrderedOn;

        Draft(Tier tier, String language) {
            this.tier = tier;
            this.language = language;
        }

        Caller build(long id) {
            long[] days = new long[warranties.size()];
            for (int i = 0; i < days.length; i++) {
                days[i] = warranties.get(i);
            }
            return new Caller(id, tier, language, lastOrderedOn, List.copyOf(categories), days, cases, phones);
        }
    }
}
