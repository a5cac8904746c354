package io.aftercare.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GET /api/search on SQLite and PostgreSQL: each kind of query (name, phone, order number, serial number, e-mail),
 * whatever its case, partial, in any alphabet; hostile text taken literally; empty, short and long queries refused.
 */
class SearchIntegrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private TestApp app;
    private final Map<String, Long> ids = new HashMap<>();

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void world(String kind) throws Exception {
        app = new TestApp(TestDatabases.open(kind, dir), CLOCK);
        customer("Ayşe Ünal", "Ayse.Unal@Example.com", "vip", "+90 532 123 45 67", "(212) 555-0123");
        customer("ÜNAL Mehmet", null, "standard", "+33 6 12 34 56 78");
        customer("Bob O'Brien", "bob_obrien@example.com", "gold", "+49 30 12345678");
        customer("Ann 100% Sure", "ann@example.org", "standard");
        customer("Back\\Slash Ltd", null, "standard");
        order("SO-104031", "Ayşe Ünal", "SN12AB");
        order("SO-1040310", "Bob O'Brien", "AB-99-XY");
        order("SO-200001", "Bob O'Brien", "KLMNOP");
        assertThat(app.post("/api/warranties", Json.write(Map.of("customerId", ids.get("ÜNAL Mehmet"),
                "serialNumber", "WX 77 12", "sku", "PH-1", "startsOn", "2026-01-15", "endsOn", "2028-01-14")))
                .status()).isEqualTo(201);
    }

    private void customer(String name, String email, String tier, String... phones) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "tier", tier, "phones", List.of(phones)));
        if (email != null) {
            body.put("email", email);
        }
        TestApp.Reply reply = app.post("/api/customers", Json.write(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        ids.put(name, Json.mapper().readTree(reply.body()).get("id").asLong());
    }

    private void order(String number, String customer, String serial) {
        TestApp.Reply reply = app.post("/api/orders", Json.write(Map.of("orderNumber", number,
                "customerId", ids.get(customer), "orderedOn", "2026-01-15", "currency", "USD",
                "lines", List.of(Map.of("sku", "PH-1", "productName", "Phone", "category", "phone", "quantity", 1,
                        "unitPrice", 69900, "serialNumbers", List.of(serial))))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private JsonNode search(String q) throws Exception {
        TestApp.Reply reply = app.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(reply.status()).as(q + ": " + reply.body()).isEqualTo(200);
        return Json.mapper().readTree(reply.body());
    }

    /** "name: kind=value, kind=value" per customer found, in the order found. */
    private List<String> found(String q) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode c : search(q).get("customers")) {
            List<String> why = new ArrayList<>();
            for (JsonNode m : c.get("matches")) {
                why.add(m.get("by").asText() + "=" + m.get("value").asText() + (m.get("exact").asBoolean() ? "!" : ""));
            }
            out.add(c.get("name").asText() + ": " + String.join(", ", why));
        }
        return out;
    }

    private List<String> names(String q) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode c : search(q).get("customers")) {
            out.add(c.get("name").asText());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void findsOrderAndSerialNumbersWhateverTheirCaseSpacesAndDashes(String kind) throws Exception {
        world(kind);
        assertThat(found("so-104031")).containsExactly("Ayşe Ünal: order=SO-104031!", "Bob O'Brien: order=SO-1040310");
        assertThat(found("104031")).as("the end of an order number")
                .containsExactly("Ayşe Ünal: order=SO-104031");
        assertThat(found("SO 1040")).as("the beginning of an order number")
                .containsExactly("Ayşe Ünal: order=SO-104031", "Bob O'Brien: order=SO-1040310");
        assertThat(found("SO 104 031")).first().isEqualTo("Ayşe Ünal: order=SO-104031!");
        assertThat(found("sn12ab")).containsExactly("Ayşe Ünal: serial=SN12AB!");
        assertThat(found("sn 12-ab")).containsExactly("Ayşe Ünal: serial=SN12AB!");
        assertThat(found("12ab")).containsExactly("Ayşe Ünal: serial=SN12AB");
        assertThat(found("ab 99")).containsExactly("Bob O'Brien: serial=AB-99-XY");
        assertThat(found("wx7712")).as("a serial registered for a warranty only")
                .containsExactly("ÜNAL Mehmet: serial=WX 77 12!");
        assertThat(found("200001")).containsExactly("Bob O'Brien: order=SO-200001");
        assertThat(found("klm nop")).as("a serial of letters only").containsExactly("Bob O'Brien: serial=KLMNOP!");
        assertThat(found("mnop")).containsExactly("Bob O'Brien: serial=KLMNOP");
        assertThat(names("04031")).as("an order number's middle is not searched").doesNotContain("Bob O'Brien");
        assertThat(search("so-104031").get("searchedAs")).extracting(JsonNode::asText)
                .containsExactly("order", "serial", "name", "email");
        JsonNode ayse = search("so-104031").get("customers").get(0);
        assertThat(ayse.get("id").asLong()).isEqualTo(ids.get("Ayşe Ünal"));
        assertThat(ayse.get("tier").asText()).isEqualTo("vip");
        assertThat(ayse.get("email").asText()).isEqualTo("Ayse.Unal@Example.com");
        assertThat(ayse.get("phones")).extracting(p -> p.get("e164").asText())
                .containsExactlyInAnyOrder("+905321234567", "+12125550123");
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void findsNamesAndEmailAddressesInAnyCaseAndAlphabet(String kind) throws Exception {
        world(kind);
        assertThat(names("ünal")).containsExactlyInAnyOrder("Ayşe Ünal", "ÜNAL Mehmet");
        assertThat(names("ÜNAL")).containsExactlyInAnyOrder("Ayşe Ünal", "ÜNAL Mehmet");
        assertThat(names("Unal")).as("accents are optional").containsExactlyInAnyOrder("Ayşe Ünal", "ÜNAL Mehmet");
        assertThat(found("ayşe ünal")).containsExactly("Ayşe Ünal: name=Ayşe Ünal!");
        assertThat(found("ünal ayşe")).as("words in any order").containsExactly("Ayşe Ünal: name=Ayşe Ünal");
        assertThat(found("ün")).as("two letters are enough for a name")
                .containsExactlyInAnyOrder("ÜNAL Mehmet: name=ÜNAL Mehmet", "Ayşe Ünal: name=Ayşe Ünal");
        assertThat(names("meh")).containsExactly("ÜNAL Mehmet");
        assertThat(found("AYSE.UNAL@EXAMPLE.COM")).containsExactly("Ayşe Ünal: email=Ayse.Unal@Example.com!");
        assertThat(found("example.org")).containsExactly("Ann 100% Sure: email=ann@example.org");
        assertThat(names("brien")).containsExactly("Bob O'Brien");
        assertThat(found("brien").get(0)).contains("name=Bob O'Brien", "email=bob_obrien@example.com");
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void findsPhoneNumbersInAnyFormatAndByTheirLastDigits(String kind) throws Exception {
        world(kind);
        assertThat(found("+1 (212) 555-0123")).containsExactly("Ayşe Ünal: phone=+12125550123!");
        assertThat(found("212.555.0123")).as("national, default region US")
                .containsExactly("Ayşe Ünal: phone=+12125550123!");
        assertThat(found("555-0123")).as("the last 7 digits").containsExactly("Ayşe Ünal: phone=+12125550123");
        assertThat(found("+33 6 12 34 56 78")).containsExactly("ÜNAL Mehmet: phone=+33612345678!");
        assertThat(found("06 12 34 56 78")).as("a French national number, trunk 0")
                .containsExactly("ÜNAL Mehmet: phone=+33612345678");
        assertThat(found("0033 612 345 678")).as("an international call prefix")
                .containsExactly("ÜNAL Mehmet: phone=+33612345678");
        assertThat(found("011 33 6 12 34 56 78")).as("the US call prefix, parsed whole")
                .containsExactly("ÜNAL Mehmet: phone=+33612345678!");
        assertThat(found("532 123 45 67")).as("a Turkish national number without its trunk 0")
                .containsExactly("Ayşe Ünal: phone=+905321234567");
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void hostileTextMatchesOnlyItself(String kind) throws Exception {
        world(kind);
        assertThat(found("o'brien")).first().asString().startsWith("Bob O'Brien: name=Bob O'Brien");
        assertThat(found("b_o")).as("_ is no wildcard: 'bob o' does not match")
                .containsExactly("Bob O'Brien: email=bob_obrien@example.com");
        assertThat(names("n 100%")).containsExactly("Ann 100% Sure");
        assertThat(names("0% s")).containsExactly("Ann 100% Sure");
        assertThat(names("n 1%0")).isEmpty();
        assertThat(names("k\\sl")).containsExactly("Back\\Slash Ltd");
        assertThat(names("k\\\\sl")).isEmpty();
        assertThat(names("x' OR '1'='1")).isEmpty();
        assertThat(names("\"; DROP TABLE customers; --")).isEmpty();
        assertThat(names("ünal")).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void refusesEmptyShortAndOverlongQueriesSayingWhy(String kind) throws Exception {
        world(kind);
        for (String q : List.of("", "%20%20", "a", "12", "%25", "_", "%25%25", "%2B49%2030", "a%0Ab")) {
            TestApp.Reply reply = app.get("/api/search?q=" + q);
            assertThat(reply.status()).as("q=" + q + ": " + reply.body()).isEqualTo(422);
            assertThat(Json.mapper().readTree(reply.body()).get("detail").asText()).as(q).startsWith("q ");
        }
        assertThat(app.get("/api/search").status()).isEqualTo(422);
        assertThat(Json.mapper().readTree(app.get("/api/search?q=1").body()).get("detail").asText())
                .contains("2 letters of a name", "6 digits of a phone number");
        assertThat(app.get("/api/search?q=" + "a".repeat(101)).status()).isEqualTo(422);
        assertThat(app.get("/api/search?q=" + "a".repeat(100)).status()).isEqualTo(200);
        assertThat(app.get("/api/search?q=unal&limit=0").status()).isEqualTo(400);
        assertThat(app.get("/api/search?q=unal&limit=101").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void limitsTheAnswerAndSaysThereIsMore(String kind) throws Exception {
        world(kind);
        JsonNode one = Json.mapper().readTree(app.get("/api/search?q=unal&limit=1").body());
        assertThat(one.get("customers")).hasSize(1);
        assertThat(one.get("more").asBoolean()).isTrue();
        assertThat(search("unal").get("more").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void rowsWrittenAroundAftercareAreFoundOnceKeyed(String kind) throws Exception {
        world(kind);
        var jdbi = app.app().database().jdbi();
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO customers (id, name, email, created_at, updated_at)"
                    + " VALUES (9001, 'ÖZGÜR Çelik', 'Ozgur@Example.net', 0, 0)");
            h.execute("INSERT INTO orders (id, order_number, customer_id, ordered_on, total_minor, currency, channel,"
                    + " created_at) VALUES (9001, 'RMA-55-9001', 9001, '2026-01-01', 0, 'EUR', 'store', 0)");
            h.execute("INSERT INTO order_lines (id, order_id, line_no, sku, quantity, unit_price_minor)"
                    + " VALUES (9001, 9001, 1, 'PH-1', 1, 0)");
            h.execute("INSERT INTO order_line_serials (order_line_id, serial_number) VALUES (9001, 'QQ-9001-Z')");
            h.execute("INSERT INTO warranties (customer_id, serial_number, sku, plan, starts_on, ends_on)"
                    + " VALUES (9001, 'QW 9001', 'PH-1', 'manufacturer', '2026-01-01', '2027-01-01')");
        });
        assertThat(names("özgür")).isEmpty();
        new SearchKeyBackfill(jdbi).run();
        assertThat(found("özgür")).containsExactly("ÖZGÜR Çelik: name=ÖZGÜR Çelik, email=Ozgur@Example.net");
        assertThat(found("OZGUR@example.NET")).containsExactly("ÖZGÜR Çelik: email=Ozgur@Example.net!");
        assertThat(found("rma 55 9001")).containsExactly("ÖZGÜR Çelik: order=RMA-55-9001!");
        assertThat(found("qq9001z")).containsExactly("ÖZGÜR Çelik: serial=QQ-9001-Z!");
        assertThat(found("qw9001")).containsExactly("ÖZGÜR Çelik: serial=QW 9001!");
        assertThat(new SearchKeyBackfill(jdbi).run()).as("nothing left to key").isZero();
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void agentsAndSupervisorsSearchTooButNotAnonymousCallers(String kind) throws Exception {
        world(kind);
        app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface,"
                + " created_at) VALUES ('agent1', 'Agent One', 'Local/agent1@agents', 0)"));
        assertThat(app.as(app.signIn("ann", "agent", "agent1")).get("/api/search?q=so-104031").status())
                .isEqualTo(200);
        assertThat(app.as(app.signIn("sue", "supervisor", null)).get("/api/search?q=so-104031").status())
                .isEqualTo(200);
        assertThat(app.as(null).get("/api/search?q=so-104031").status()).isEqualTo(401);
    }
}
