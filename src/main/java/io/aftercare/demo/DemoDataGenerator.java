package io.aftercare.demo;

import io.aftercare.customers.CustomerChanges;
import io.aftercare.persistence.SearchKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Generates a deterministic after-sales world for a seed: customers with one to three phones in five
 * countries, three years of orders with serial numbers, warranties, open and closed cases, a share of VIPs,
 * plus the demo agents and queues. Writes in large batches so a million customers is practical. Not
 * thread-safe; use one per run.
 */
public final class DemoDataGenerator {
    private static final int CHUNK = 2_000;
    /** The demo queues' {@code vhold_offer_after_seconds}: the callback offer after 20 s in queue. */
    static final int VHOLD_OFFER_AFTER_SECONDS = 20;
    private static final String[] REGIONS = {"US", "US", "US", "US", "US", "GB", "GB", "FR", "FR", "DE", "CA"};

    private final Jdbi jdbi;
    private final Clock clock;
    private final SplittableRandom random;
    private final DemoNumbers numbers = new DemoNumbers();

    public DemoDataGenerator(Jdbi jdbi, Clock clock, long seed) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.random = new SplittableRandom(seed);
    }

    /** What was written and how fast. */
    public record Report(int customers, long phones, long orders, long lines, long warranties, long cases,
                         Duration elapsed) {
        public double customersPerSecond() {
            return customers / Math.max(0.001, elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format("generated %d customers, %d phones, %d orders (%d lines), %d warranties, %d cases"
                    + " in %.1f s (%.0f customers/s)", customers, phones, orders, lines, warranties, cases,
                    elapsed.toMillis() / 1000.0, customersPerSecond());
        }
    }

    public Report generate(int customerCount) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Ids ids = jdbi.inTransaction(handle -> {
            seedReferenceData(handle, now);
            return Ids.after(handle);
        });
        Counts counts = new Counts();
        for (int done = 0; done < customerCount; done += CHUNK) {
            int size = Math.min(CHUNK, customerCount - done);
            jdbi.useTransaction(handle -> writeChunk(handle, size, ids, counts, now, today));
        }
        jdbi.useHandle(handle -> {
            ids.syncSequences(handle);
            CustomerChanges.everyoneChanged(handle, now); // a running aftercare's caller directory re-reads all
            seedCallbacks(handle, now);
        });
        return new Report(customerCount, counts.phones, counts.orders, counts.lines, counts.warranties, counts.cases,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static void seedReferenceData(Handle handle, Instant now) {
        PreparedBatch products = handle.prepareBatch("INSERT INTO products (sku, name, category, warranty_months)"
                + " VALUES (:sku, :name, :category, :months) ON CONFLICT (sku) DO NOTHING");
        for (Catalog.Item item : Catalog.ITEMS) {
            products.bind("sku", item.product().sku()).bind("name", item.product().name())
                    .bind("category", item.product().category()).bind("months", item.product().warrantyMonths()).add();
        }
        products.execute();
        PreparedBatch agents = handle.prepareBatch("INSERT INTO agents (login, name, interface, language, created_at)"
                + " VALUES (:login, :name, :iface, :language, :now) ON CONFLICT (login) DO NOTHING");
        for (String[] a : Catalog.AGENTS) {
            agents.bind("login", a[0]).bind("name", a[1]).bind("iface", a[2]).bind("language", a[3])
                    .bind("now", now).add();
        }
        agents.execute();
        PreparedBatch queues = handle.prepareBatch("INSERT INTO queues (name, description, service_level_seconds,"
                + " short_abandon_seconds, wrapup_seconds) VALUES (:name, :description, :sl, :sa, :wrap)"
                + " ON CONFLICT (name) DO NOTHING");
        for (Object[] q : Catalog.QUEUES) {
            queues.bind("name", q[0]).bind("description", q[1]).bind("sl", q[2]).bind("sa", q[3]).bind("wrap", q[4]).add();
        }
        queues.execute();
        // virtual hold: a caller who has waited this long is offered a callback that keeps their place
        PreparedBatch vhold = handle.prepareBatch("UPDATE queues SET vhold_offer_after_seconds = :after"
                + " WHERE name = :name AND vhold_offer_after_seconds = 0 AND vhold_offer_estimate_seconds = 0");
        for (Object[] q : Catalog.QUEUES) {
            vhold.bind("name", q[0]).bind("after", VHOLD_OFFER_AFTER_SECONDS).add();
        }
        vhold.execute();
        // the queues each demo agent serves on the demo PBX are the ones they may log in to
        PreparedBatch assigned = handle.prepareBatch("INSERT INTO agent_queues (agent_id, queue, penalty)"
                + " SELECT id, :queue, 0 FROM agents WHERE interface = :iface ON CONFLICT (agent_id, queue) DO NOTHING");
        for (var agent : DemoPbx.AGENTS) {
            agent.queues().forEach(q -> assigned.bind("queue", q).bind("iface", agent.iface()).add());
        }
        assigned.execute();
    }

    private void writeChunk(Handle handle, int size, Ids ids, Counts counts, Instant now, LocalDate today) {
        PreparedBatch customers = handle.prepareBatch("INSERT INTO customers (id, external_ref, name, email, language,"
                + " tier, country, time_zone, survey_consent, do_not_call, created_at, updated_at, name_key, email_key)"
                + " VALUES (:id, :ref, :name, :email, :language, :tier, :country, NULL, :consent, :dnc, :now, :now,"
                + " :nameKey, :emailKey)");
        PreparedBatch phones = handle.prepareBatch("INSERT INTO customer_phones (e164, customer_id, kind, created_at)"
                + " VALUES (:e164, :customer, :kind, :now)");
        PreparedBatch orders = handle.prepareBatch("INSERT INTO orders (id, order_number, customer_id, ordered_on,"
                + " total_minor, currency, channel, created_at, number_key, number_rkey) VALUES (:id, :number, :customer,"
                + " :on, :total, :currency, :channel, :now, :key, :rkey)");
        PreparedBatch lines = handle.prepareBatch("INSERT INTO order_lines (id, order_id, line_no, sku, quantity,"
                + " unit_price_minor) VALUES (:id, :order, :no, :sku, :qty, :price)");
        PreparedBatch serials = handle.prepareBatch("INSERT INTO order_line_serials (order_line_id, serial_number,"
                + " serial_key, serial_rkey) VALUES (:line, :serial, :key, :rkey)");
        PreparedBatch warranties = handle.prepareBatch("INSERT INTO warranties (id, customer_id, serial_number, sku,"
                + " plan, starts_on, ends_on, serial_key, serial_rkey) VALUES (:id, :customer, :serial, :sku, :plan,"
                + " :starts, :ends, :key, :rkey)");
        PreparedBatch cases = handle.prepareBatch("INSERT INTO cases (id, customer_id, type, status, subject, sku,"
                + " serial_number, owner_agent_id, opened_at, updated_at, closed_at) VALUES (:id, :customer, :type,"
                + " :status, :subject, :sku, :serial, :owner, :opened, :opened, :closed)");
        for (int i = 0; i < size; i++) {
            long customerId = ++ids.customer;
            String region = REGIONS[random.nextInt(REGIONS.length)];
            String first = Catalog.FIRST[random.nextInt(Catalog.FIRST.length)];
            String last = Catalog.LAST[random.nextInt(Catalog.LAST.length)];
            String name = first + " " + last;
            String email = (first + "." + last + customerId + "@example.com").toLowerCase(java.util.Locale.ROOT);
            customers.bind("id", customerId).bind("ref", "C" + customerId).bind("name", name).bind("email", email)
                    .bind("nameKey", SearchKeys.text(name)).bind("emailKey", SearchKeys.text(email))
                    .bind("language", language(region)).bind("tier", random.nextInt(100) < 3 ? "vip" : "standard")
                    .bind("country", region).bind("consent", random.nextInt(100) < 90)
                    .bind("dnc", random.nextInt(100) < 2).bind("now", now).add();
            int phoneCount = 1 + (random.nextInt(100) < 30 ? 1 : 0) + (random.nextInt(100) < 10 ? 1 : 0);
            for (int p = 0; p < phoneCount; p++) {
                phones.bind("e164", numbers.next(p == 2 ? REGIONS[random.nextInt(REGIONS.length)] : region))
                        .bind("customer", customerId).bind("kind", p == 0 ? "mobile" : p == 1 ? "home" : "work")
                        .bind("now", now).add();
                counts.phones++;
            }
            List<String[]> devices = new ArrayList<>(); // serial, sku, ordered_on
            int orderCount = 1 + random.nextInt(5);
            for (int o = 0; o < orderCount; o++) {
                long orderId = ++ids.order;
                LocalDate on = today.minusDays(o == 0 && random.nextInt(100) < 15 ? random.nextInt(30)
                        : random.nextInt(3 * 365));
                int lineCount = 1 + random.nextInt(3);
                long total = 0;
                for (int l = 1; l <= lineCount; l++) {
                    Catalog.Item item = Catalog.ITEMS.get(random.nextInt(Catalog.ITEMS.size()));
                    int qty = item.serialised() ? 1 : 1 + random.nextInt(2);
                    long lineId = ++ids.line;
                    lines.bind("id", lineId).bind("order", orderId).bind("no", l).bind("sku", item.product().sku())
                            .bind("qty", qty).bind("price", item.priceMinor()).add();
                    total += qty * item.priceMinor();
                    counts.lines++;
                    if (item.serialised()) {
                        String serial = item.product().sku().substring(0, 2) + Long.toString(lineId * 7919L, 36)
                                .toUpperCase(java.util.Locale.ROOT);
                        String key = SearchKeys.code(serial);
                        String rkey = SearchKeys.reversed(key);
                        serials.bind("line", lineId).bind("serial", serial).bind("key", key).bind("rkey", rkey).add();
                        warranties.bind("id", ++ids.warranty).bind("customer", customerId).bind("serial", serial)
                                .bind("key", key).bind("rkey", rkey).bind("sku", item.product().sku())
                                .bind("plan", "manufacturer")
                                .bind("starts", on.toString())
                                .bind("ends", on.plusMonths(item.product().warrantyMonths()).minusDays(1).toString()).add();
                        counts.warranties++;
                        if (random.nextInt(100) < 20) {
                            warranties.bind("id", ++ids.warranty).bind("customer", customerId).bind("serial", serial)
                                    .bind("key", key).bind("rkey", rkey).bind("sku", item.product().sku())
                                    .bind("plan", "extended-2y")
                                    .bind("starts", on.plusMonths(item.product().warrantyMonths()).toString())
                                    .bind("ends", on.plusMonths(item.product().warrantyMonths() + 24L).minusDays(1).toString())
                                    .add();
                            counts.warranties++;
                        }
                        devices.add(new String[] {serial, item.product().sku(), on.toString()});
                    }
                }
                String number = "SO-" + (100_000 + orderId);
                String numberKey = SearchKeys.code(number);
                orders.bind("id", orderId).bind("number", number).bind("key", numberKey)
                        .bind("rkey", SearchKeys.reversed(numberKey)).bind("customer", customerId)
                        .bind("on", on.toString()).bind("total", total).bind("currency", currency(region))
                        .bind("channel", random.nextInt(100) < 70 ? "web" : random.nextBoolean() ? "store" : "phone")
                        .bind("now", now).add();
                counts.orders++;
            }
            if (!devices.isEmpty() && random.nextInt(100) < 12) {
                String[] device = devices.get(random.nextInt(devices.size()));
                boolean open = random.nextInt(100) < 60;
                String type = pick("repair", 45, "return", 20, "technical", 28, "complaint");
                Instant opened = now.minus(Duration.ofHours(1 + random.nextInt(open ? 24 * 20 : 24 * 300)));
                cases.bind("id", ++ids.supportCase).bind("customer", customerId).bind("type", type)
                        .bind("status", open ? (random.nextBoolean() ? "open" : "in_progress") : "closed")
                        .bind("subject", subject(type)).bind("sku", device[1]).bind("serial", device[0])
                        .bind("owner", type.equals("repair") || random.nextBoolean() ? (Long) (1L + random.nextInt(6)) : null)
                        .bind("opened", opened).bind("closed", open ? null : opened.plus(Duration.ofDays(3))).add();
                counts.cases++;
            }
        }
        customers.execute();
        phones.execute();
        orders.execute();
        lines.execute();
        serials.execute();
        warranties.execute();
        cases.execute();
    }

    /**
     * A few finished virtual-hold callbacks of the last day, for the callback list: completed (one at the second
     * attempt), one whose attempts all went unanswered, one that found no calling window, one cancelled. No contacts
     * stand behind them (the demo has no call history); a fresh database only (ids from 1 are taken otherwise).
     */
    private static void seedCallbacks(Handle handle, Instant now) {
        if (handle.createQuery("SELECT COUNT(*) FROM callbacks").mapTo(Long.class).one() > 0) {
            return;
        }
        List<String> phones = handle.createQuery("SELECT e164 FROM customer_phones ORDER BY e164 LIMIT 6")
                .mapTo(String.class).list();
        // queue, state, attempts, last outcome, detail, agent, hours ago it began, minutes it took
        Object[][] rows = {
            {"repairs", "completed", 1, "answered", "", "Local/agent3@agents", 26, 12},
            {"general-support", "completed", 1, "answered", "", "Local/agent1@agents", 5, 4},
            {"returns", "completed", 2, "answered", "attempt 1: no_answer", "Local/agent4@agents", 3, 17},
            {"technical", "failed", 3, "no_answer", "attempt 3: no_answer; no attempt left", null, 20, 35},
            {"general-support", "expired", 0, null, "no calling window before expiry", null, 30, 24 * 60},
            {"vip", "cancelled", 0, null, "cancelled by supervisor", null, 2, 6},
        };
        PreparedBatch batch = handle.prepareBatch("INSERT INTO callbacks (source, queue, e164, customer_id, language,"
                + " waiting_since, state, due_at, expires_at, attempts, action_id, last_outcome, detail, agent,"
                + " answered_at, finished_at, created_at, updated_at) SELECT 'virtual_hold', :queue, :e164,"
                + " customer_id, 'en', :since, :state, :since, :expires, :attempts, :action, :outcome, :detail, :agent,"
                + " :answered, :finished, :since, :finished FROM customer_phones WHERE e164 = :e164");
        for (int i = 0; i < Math.min(rows.length, phones.size()); i++) {
            Object[] r = rows[i];
            long since = now.minus(Duration.ofHours((int) r[6])).toEpochMilli();
            long finished = since + Duration.ofMinutes((int) r[7]).toMillis();
            int attempts = (int) r[2];
            batch.bind("queue", r[0]).bind("e164", phones.get(i)).bind("since", since).bind("state", r[1])
                    .bind("expires", since + Duration.ofHours(24).toMillis()).bind("attempts", attempts)
                    .bind("action", attempts == 0 ? null : "callback-" + (i + 1) + "-" + attempts)
                    .bind("outcome", (String) r[3]).bind("detail", r[4]).bind("agent", (String) r[5])
                    .bind("answered", r[5] == null ? null : finished).bind("finished", finished).add();
        }
        batch.execute();
    }

    private String pick(String a, int pa, String b, int pb, String c, int pc, String d) {
        int roll = random.nextInt(100);
        return roll < pa ? a : roll < pa + pb ? b : roll < pa + pb + pc ? c : d;
    }

    private static String subject(String type) {
        return switch (type) {
            case "repair" -> "Device does not power on";
            case "return" -> "Return within 30 days";
            case "technical" -> "Cannot pair over Bluetooth";
            default -> "Late delivery and damaged box";
        };
    }

    private static String language(String region) {
        return switch (region) {
            case "FR" -> "fr";
            case "DE" -> "de";
            default -> "en";
        };
    }

    private static String currency(String region) {
        return switch (region) {
            case "GB" -> "GBP";
            case "FR", "DE" -> "EUR";
            case "CA" -> "CAD";
            default -> "USD";
        };
    }

    /** Row counters of one run. */
    private static final class Counts {
        long phones;
        long orders;
        long lines;
        long warranties;
        long cases;
    }

    /** The last id in each table, so generated rows follow existing ones. */
    private static final class Ids {
        long customer;
        long order;
        long line;
        long warranty;
        long supportCase;

        static Ids after(Handle handle) {
            Ids ids = new Ids();
            ids.customer = max(handle, "customers");
            ids.order = max(handle, "orders");
            ids.line = max(handle, "order_lines");
            ids.warranty = max(handle, "warranties");
            ids.supportCase = max(handle, "cases");
            return ids;
        }

        private static long max(Handle handle, String table) {
            return handle.createQuery("SELECT COALESCE(MAX(id), 0) FROM " + table).mapTo(Long.class).one();
        }

        /** PostgreSQL identity columns do not see explicit ids; move their sequences past them. */
        void syncSequences(Handle handle) {
            if (!isPostgres(handle)) {
                return;
            }
            for (String table : List.of("customers", "orders", "order_lines", "warranties", "cases")) {
                handle.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'),"
                        + " (SELECT COALESCE(MAX(id), 1) FROM " + table + "))");
            }
        }

        private static boolean isPostgres(Handle handle) {
            try {
                return handle.getConnection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                        .contains("postgres");
            } catch (java.sql.SQLException e) {
                return false;
            }
        }
    }
}
