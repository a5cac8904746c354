package io.aftercare.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.App;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The screen pop's plain-JDBC reads return exactly what the feature services return for the same customer
 * (customer with phones, newest orders with lines and serials, cases, warranties), on SQLite and PostgreSQL.
 */
class ScreenPopReadsIntegrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static long id(TestApp.Reply reply) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return Json.mapper().readTree(reply.body()).get("id").asLong();
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void readsMatchTheFeatureServicesForTheSameCustomer(String kind) throws Exception {
        try (TestApp test = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            long alice = id(test.post("/api/customers", "{\"name\": \"Alice Buyer\", \"tier\": \"gold\","
                    + " \"language\": \"de\", \"phones\": [\"2125550123\", {\"number\": \"2125550199\", \"kind\": \"work\"}]}"));
            long bob = id(test.post("/api/customers", "{\"name\": \"Bob Other\", \"phones\": [\"3125550100\"]}"));
            for (int i = 1; i <= 8; i++) { // equal dates in pairs: the order id breaks the tie
                id(test.post("/api/orders", "{\"orderNumber\": \"SO-" + i + "\", \"customerId\": " + alice
                        + ", \"orderedOn\": \"2026-0" + (1 + i / 2) + "-15\", \"currency\": \"EUR\", \"lines\": ["
                        + "{\"sku\": \"PH-1\", \"productName\": \"Phone\", \"category\": \"phone\", \"quantity\": 2,"
                        + " \"unitPrice\": 69900, \"serialNumbers\": [\"SN-" + i + "-b\", \"SN-" + i + "-a\"]},"
                        + " {\"sku\": \"AC-1\", \"productName\": \"Case\", \"category\": \"accessory\", \"quantity\": 1,"
                        + " \"unitPrice\": 1999}]}"));
            }
            id(test.post("/api/orders", "{\"orderNumber\": \"SO-BOB\", \"customerId\": " + bob + ", \"orderedOn\":"
                    + " \"2026-09-01\", \"currency\": \"USD\", \"lines\": [{\"sku\": \"PH-1\", \"quantity\": 1,"
                    + " \"unitPrice\": 69900, \"serialNumbers\": [\"SN-BOB\"]}]}"));
            id(test.post("/api/warranties", "{\"customerId\": " + alice + ", \"serialNumber\": \"SN-1-a\", \"sku\":"
                    + " \"PH-1\", \"startsOn\": \"2024-01-01\", \"endsOn\": \"2025-12-31\"}"));
            id(test.post("/api/warranties", "{\"customerId\": " + alice + ", \"serialNumber\": \"SN-2-a\", \"sku\":"
                    + " \"PH-1\", \"startsOn\": \"2026-01-01\", \"endsOn\": \"2027-12-31\"}"));
            long closed = id(test.post("/api/cases", "{\"customerId\": " + alice + ", \"type\": \"repair\","
                    + " \"subject\": \"Cracked screen\", \"sku\": \"PH-1\", \"serialNumber\": \"SN-1-a\"}"));
            assertThat(test.patch("/api/cases/" + closed, "{\"status\": \"resolved\"}").status()).isEqualTo(200);
            id(test.post("/api/cases", "{\"customerId\": " + alice + ", \"type\": \"technical\"}"));
            App.Services services = test.app().services();
            try (Handle h = test.app().database().jdbi().open()) {
                ScreenPopReads db = new ScreenPopReads(h.getConnection());
                assertThat(db.customer(alice)).contains(services.customers().get(alice));
                assertThat(db.customer(999_999)).isEmpty();
                assertThat(db.customerOfPhone("+12125550199")).contains(alice);
                for (int limit : new int[] {3, 51}) {
                    assertThat(db.orders(alice, limit)).isEqualTo(services.orders()
                            .ofCustomer(alice, io.aftercare.web.PageRequest.first(limit)).items());
                }
                assertThat(db.cases(alice, 30)).isEqualTo(services.cases()
                        .ofCustomer(alice, io.aftercare.web.PageRequest.first(30)).items());
                assertThat(db.warranties(alice, LocalDate.of(2026, 11, 20)))
                        .isEqualTo(services.warranties().ofCustomer(alice));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void pastContactsAreTheCustomersOtherCallsNewestFirstWithTheirDisposition(String kind) throws Exception {
        try (TestApp test = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            App app = test.app();
            app.database().jdbi().useHandle(h -> {
                h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES ('agent1', 'Agent One',"
                        + " 'Local/agent1@agents', 0)");
                // the customer's calls are those stored with their id (from any of their numbers when written, or
                // linked by an agent), the same as GET /api/customers/{id}/contacts lists
                h.execute("INSERT INTO contacts (pbx_id, linkedid, caller_e164, queue, answered_by, entered_at, outcome,"
                        + " customer_id) VALUES ('pbx1', 'old', '+12125550123', 'vip', 'Local/agent1@agents', 1000,"
                        + " 'answered', 7), ('pbx1', 'new', '+12125550199', 'vip', NULL, 2000, 'abandoned', 7),"
                        + " ('pbx1', 'now', '+12125550123', 'vip', NULL, 3000, 'open', 7),"
                        + " ('pbx1', 'other', '+13125550100', 'vip', NULL, 4000, 'open', 8)");
            });
            long account = app.services().auth().createAccount(new io.aftercare.auth.AuthService.AccountInput("a1",
                    "A One", "agent", "agent1", "pw-a1-long-enough")).id();
            app.database().jdbi().useHandle(h -> h.execute("INSERT INTO dispositions (pbx_id, linkedid, agent,"
                    + " account_id, reason_code, resolved, created_at) VALUES ('pbx1', 'old', 'Local/agent1@agents', ?,"
                    + " 'how-to', TRUE, 1500)", account));

            try (Handle h = app.database().jdbi().open()) {
                assertThat(new ScreenPopReads(h.getConnection()).pastContacts(7, "now", 10)).containsExactly(
                        new ScreenPop.PastContact("new", Instant.ofEpochMilli(2000), "vip", "abandoned", null, null, null),
                        new ScreenPop.PastContact("old", Instant.ofEpochMilli(1000), "vip", "answered",
                                "Local/agent1@agents", "how-to", true));
            }
        }
    }
}
