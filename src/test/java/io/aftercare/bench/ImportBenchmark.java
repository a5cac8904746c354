package io.aftercare.bench;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.aftercare.cases.CaseService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.customers.CustomerService;
import io.aftercare.importer.ImportKind;
import io.aftercare.importer.ImportOptions;
import io.aftercare.importer.ImportReport;
import io.aftercare.importer.Importer;
import io.aftercare.orders.OrderService;
import io.aftercare.persistence.Database;
import io.aftercare.persistence.SearchKeys;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.testing.TestDatabases;
import io.aftercare.warranties.WarrantyService;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code aftercare import customers} of a generated CSV file ({@code customers} rows, 200,000 by default: one to
 * three phone numbers each, written as people write them, national numbers in the customer's country) on SQLite
 * and PostgreSQL, beside two baselines measured in the same run on the same database: the CSV read alone (bytes
 * to fields, no validation, nothing stored) and a plain JDBC batch insert of the same customers and phones
 * (pre-normalised numbers, no validation, one commit per 500 customers). A plain main, not a test; see
 * doc/benchmarks.md, "Import".
 *
 * <p>Arguments (all optional): customers (200000), databases ({@code sqlite,postgresql}).
 */
public final class ImportBenchmark {
    private static final String[] REGIONS = {"US", "FR", "GB", "DE"};
    private static final String[] FIRST = {"Ada", "Émile", "Grace", "Jürgen", "Zoë", "Jack", "Chloé", "Oliver"};
    private static final String[] LAST = {"Lovelace", "Zola", "Hopper", "Müller", "Smith", "Hoffmann", "Martin"};
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static long lastCpu;

    private ImportBenchmark() {}

    /** One generated customer: its CSV row and, for the baseline, the values the import would store. */
    private record Row(String csv, String ref, String name, String email, String country, List<String> e164) {}

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        List<String> kinds = List.of((args.length > 1 ? args[1] : "sqlite,postgresql").split(","));
        Path dir = Files.createTempDirectory("aftercare-import-bench");
        try {
            Path file = dir.resolve("customers.csv");
            List<Row> rows = generate(customers);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("external_ref,name,email,language,tier,country,phones\n");
                for (Row row : rows) {
                    out.write(row.csv());
                    out.write('\n');
                }
            }
            System.out.printf("file: %d customers, %d phones, %.1f MB%n", customers,
                    rows.stream().mapToInt(r -> r.e164().size()).sum(), Files.size(file) / 1e6);
            parseOnly(file);
            parseOnly(file);
            for (String kind : kinds) {
                if (kind.equals("postgresql") && !TestDatabases.postgresAvailable()) {
                    System.out.println("postgresql: not reachable, skipped");
                    continue;
                }
                try (TestDatabases.TestDb db = TestDatabases.open(kind, Files.createDirectories(dir.resolve(kind)))) {
                    baseline(kind, db.config(), rows);
                }
                try (TestDatabases.TestDb db = TestDatabases.open(kind,
                        Files.createDirectories(dir.resolve(kind + "-import")))) {
                    importer(kind, db.config(), file);
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Row> generate(int count) {
        Random random = new Random(42);
        long[] next = new long[REGIONS.length];
        List<Row> rows = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            int r = random.nextInt(REGIONS.length);
            String region = REGIONS[r];
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String name = first + " " + last;
            String email = (first + "." + last + i + "@example.com").toLowerCase(Locale.ROOT);
            int phoneCount = 1 + (random.nextInt(100) < 30 ? 1 : 0) + (random.nextInt(100) < 10 ? 1 : 0);
            List<String> written = new ArrayList<>();
            List<String> e164 = new ArrayList<>();
            for (int p = 0; p < phoneCount; p++) {
                String[] number = number(region, next, r);
                written.add((p == 1 ? "home:" : "") + number[0]);
                e164.add(number[1]);
            }
            String csv = "C" + i + ",\"" + last + ", " + first + "\"," + email + "," + (region.equals("FR") ? "fr" : "en")
                    + "," + (i % 30 == 0 ? "vip" : "standard") + "," + region + ",\"" + String.join("; ", written) + "\"";
            rows.add(new Row(csv, "C" + i, last + ", " + first, email, region, e164));
        }
        return rows;
    }

    /** The next valid number of the region: as written in the file (national format) and as E.164. */
    private static String[] number(String region, long[] next, int slot) {
        while (true) {
            long k = next[slot]++;
            String national = switch (region) {
                case "US" -> "(212) " + (200 + (k / 10_000) % 800) + "-" + String.format("%04d", k % 10_000);
                case "FR" -> "06 " + String.format("%08d", k).replaceAll("(..)(?!$)", "$1 ");
                case "GB" -> "074" + String.format("%02d", k / 1_000_000 % 100) + " " + String.format("%06d", k % 1_000_000);
                default -> "0151 " + String.format("%08d", k);
            };
            if (region.equals("US") && ((k / 10_000) % 800 + 200 == 555 || ((k / 10_000) % 800 + 200) % 100 == 11)) {
                continue;
            }
            try {
                var parsed = UTIL.parse(national, region);
                if (UTIL.isValidNumber(parsed)) {
                    return new String[] {national, UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164)};
                }
            } catch (NumberParseException e) {
                // not valid in the region: take the next
            }
        }
    }

    /** Bytes to fields, every field touched, nothing validated or stored: what reading the file costs. */
    private static void parseOnly(Path file) throws Exception {
        long t0 = System.nanoTime();
        lastCpu = THREADS.getCurrentThreadCpuTime();
        long rows = 0;
        long chars = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            while ((line = in.readLine()) != null) {
                boolean quoted = false;
                StringBuilder field = new StringBuilder();
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == ',' && !quoted) {
                        chars += field.length();
                        field.setLength(0);
                    } else {
                        field.append(c);
                    }
                }
                chars += field.length();
                rows++;
            }
        }
        report("file", "baseline: CSV read alone", rows, t0);
        if (chars == 0) {
            throw new IllegalStateException("nothing read");
        }
    }

    /** The same customers and phones as plain JDBC batches, no validation, a commit per 500 customers. */
    private static void baseline(String kind, AftercareConfig.Db config, List<Row> rows) throws Exception {
        try (Database database = Database.open(config)) {
            database.migrate();
            long now = Instant.now().toEpochMilli();
            long t0 = System.nanoTime();
            lastCpu = THREADS.getCurrentThreadCpuTime();
            try (Connection c = database.jdbi().open().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement customers = c.prepareStatement("INSERT INTO customers (id, external_ref, name,"
                        + " email, language, tier, country, survey_consent, do_not_call, created_at, updated_at, name_key,"
                        + " email_key) VALUES (?, ?, ?, ?, 'en', 'standard', ?, TRUE, FALSE, ?, ?, ?, ?)");
                     PreparedStatement phones = c.prepareStatement("INSERT INTO customer_phones (e164, customer_id,"
                             + " kind, created_at) VALUES (?, ?, 'mobile', ?)")) {
                    long id = 0;
                    for (Row row : rows) {
                        id++;
                        customers.setLong(1, id);
                        customers.setString(2, row.ref());
                        customers.setString(3, row.name());
                        customers.setString(4, row.email());
                        customers.setString(5, row.country());
                        customers.setLong(6, now);
                        customers.setLong(7, now);
                        customers.setString(8, SearchKeys.text(row.name()));
                        customers.setString(9, SearchKeys.text(row.email()));
                        customers.addBatch();
                        for (String e164 : row.e164()) {
                            phones.setString(1, e164);
                            phones.setLong(2, id);
                            phones.setLong(3, now);
                            phones.addBatch();
                        }
                        if (id % 500 == 0) {
                            customers.executeBatch();
                            phones.executeBatch();
                            c.commit();
                        }
                    }
                    customers.executeBatch();
                    phones.executeBatch();
                    c.commit();
                }
            }
            report(kind, "baseline: plain JDBC batch insert", rows.size(), t0);
        }
    }

    private static void importer(String kind, AftercareConfig.Db config, Path file) {
        try (Database database = Database.open(config)) {
            database.migrate();
            var jdbi = database.jdbi();
            Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
            Importer importer = new Importer(jdbi, new CustomerService(jdbi, new PhoneNumbers("US"), clock),
                    new OrderService(jdbi, clock), new WarrantyService(jdbi, clock), new CaseService(jdbi, clock));
            long t0 = System.nanoTime();
            lastCpu = THREADS.getCurrentThreadCpuTime();
            ImportReport report = importer.importFile(ImportKind.CUSTOMERS, file, ImportOptions.DEFAULTS);
            report(kind, "aftercare import customers", report.read(), t0);
            if (report.imported() != report.read()) {
                throw new IllegalStateException("rejected: " + report.rejected().subList(0,
                        Math.min(5, report.rejected().size())));
            }
        }
    }

    /** Wall time, and the CPU time of this thread (with SQLite's own work, in-process) since the last report. */
    private static void report(String kind, String what, long rows, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        long cpu = THREADS.getCurrentThreadCpuTime();
        double cpuSeconds = (cpu - lastCpu) / 1e9;
        lastCpu = cpu;
        System.out.printf(Locale.ROOT, "%-10s %-36s %8d rows in %6.1f s: %8.0f lines/s; %6.1f s CPU: %8.0f lines/CPU-s%n",
                kind, what, rows, s, rows / s, cpuSeconds, rows / cpuSeconds);
    }
}
