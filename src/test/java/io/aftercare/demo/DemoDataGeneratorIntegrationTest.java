package io.aftercare.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.aftercare.persistence.Database;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DemoDataGeneratorIntegrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void generatesAPlausibleAfterSalesWorld(String kind) {
        try (var testDb = TestDatabases.open(kind, dir); Database db = Database.open(testDb.config())) {
            db.migrate();
            var report = new DemoDataGenerator(db.jdbi(), CLOCK, 7).generate(3_000);
            Jdbi jdbi = db.jdbi();
            assertThat(count(jdbi, "SELECT count(*) FROM customers")).isEqualTo(3_000);
            assertThat(report.phones()).isBetween(3_000L, 9_000L);
            assertThat(count(jdbi, "SELECT count(*) FROM customers WHERE tier = 'vip'")).isBetween(30L, 200L);
            assertThat(count(jdbi, "SELECT count(*) FROM cases WHERE status IN ('open', 'in_progress')")).isPositive();
            assertThat(count(jdbi, "SELECT count(*) FROM orders WHERE ordered_on >= '2026-10-21'")).isPositive();
            assertThat(count(jdbi, "SELECT count(*) FROM orders WHERE ordered_on < '2024-01-01'")).isPositive();
            assertThat(count(jdbi, "SELECT count(*) FROM warranties WHERE ends_on >= '2026-11-20'")).isPositive();
            assertThat(count(jdbi, "SELECT count(DISTINCT country) FROM customers")).isEqualTo(5);
            assertThat(count(jdbi, "SELECT count(*) FROM agents")).isEqualTo(6);
            // each demo agent may log in to the queues it serves on the demo PBX (everyone: general support)
            assertThat(count(jdbi, "SELECT count(*) FROM agent_queues")).isEqualTo(DemoPbx.AGENTS.stream()
                    .mapToInt(a -> a.queues().size()).sum());
            assertThat(count(jdbi, "SELECT count(*) FROM agent_queues WHERE queue = 'general-support'")).isEqualTo(6);
            List<String> numbers = jdbi.withHandle(h -> h.createQuery("SELECT e164 FROM customer_phones")
                    .mapTo(String.class).list());
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            assertThat(numbers).doesNotHaveDuplicates().allSatisfy(n -> assertThat(util.isValidNumber(util.parse(n, "ZZ"))).isTrue());
            // Ids keep working after explicit-id batch inserts (PostgreSQL sequences are moved past them).
            long next = jdbi.withHandle(h -> h.createQuery("INSERT INTO customers (name, language, tier, created_at,"
                    + " updated_at) VALUES ('Next', 'en', 'standard', 0, 0) RETURNING id").mapTo(Long.class).one());
            assertThat(next).isEqualTo(3_001);
            System.out.println(kind + ": " + report);
        }
    }

    @Test
    void sameSeedGivesTheSameData() {
        List<String> first = snapshot(dir.resolve("a"), 11);
        List<String> second = snapshot(dir.resolve("b"), 11);
        List<String> other = snapshot(dir.resolve("c"), 12);
        assertThat(first).isEqualTo(second).isNotEqualTo(other);
    }

    private static List<String> snapshot(Path folder, long seed) {
        try (Database db = Database.open(TestDatabases.sqliteConfig(folder))) {
            db.migrate();
            new DemoDataGenerator(db.jdbi(), CLOCK, seed).generate(200);
            return db.jdbi().withHandle(h -> h.createQuery("SELECT c.name || c.tier || p.e164 FROM customers c JOIN"
                    + " customer_phones p ON p.customer_id = c.id ORDER BY c.id, p.e164").mapTo(String.class).list());
        }
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
