package io.aftercare.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.Cli;
import io.aftercare.agi.DialplanVariables;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * doc/operations.md, "From an empty database to a working floor", step by step: the commands an admin types, then
 * the service started on the same database against a PBX (the AMI fake), an agent logging in to the queue they were
 * assigned, and a call to the new hotline routed to the new queue by the rule added through the API.
 */
@Timeout(120)
class OperationsRunbookIntegrationTest {
    /** A Monday at 10:00 UTC: inside the hours the runbook gives the queue. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    @TempDir
    Path dir;

    private Path config;
    private String out;
    private String err;

    private int aftercare(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        String[] withConfig = Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        int status = cli.execute(withConfig);
        out = o.toString();
        err = e.toString();
        return status;
    }

    @Test
    void anEmptyDatabaseBecomesAWorkingFloorWithTheCommandsOfTheRunbook() throws Exception {
        var db = TestDatabases.sqlite(dir);
        config = Files.writeString(dir.resolve("aftercare.yaml"), "db:\n  url: " + db.config().url() + "\n");

        // 1. the database and the first admin
        assertThat(aftercare("migrate")).as(err).isZero();
        assertThat(aftercare("account", "add", "admin", "--role", "admin", "--password", TestApp.ADMIN_PASSWORD))
                .as(err).isZero();
        // 2. queues and their hours
        assertThat(aftercare("queue", "add", "400", "--description", "Repairs", "--strategy", "rrmemory",
                "--service-level-seconds", "30", "--wrapup-seconds", "45")).as(err).isZero();
        assertThat(aftercare("queue", "hours", "400", "--time-zone", "Europe/London", "--open",
                "MONDAY-FRIDAY=08:00-18:00", "--holiday", "2026-12-25=Christmas")).as(err).isZero();
        // 3. agents, the queues each may log in to, their accounts; a supervisor
        assertThat(aftercare("agent", "add", "1001", "--name", "Ann Agent", "--member-interface", "PJSIP/1001",
                "--queue", "400:0")).as(err).isZero();
        assertThat(aftercare("account", "add", "ann", "--role", "agent", "--agent-login", "1001", "--password",
                "ann-password")).as(err).isZero();
        assertThat(aftercare("account", "add", "sue", "--role", "supervisor", "--password", "sue-password"))
                .as(err).isZero();
        // 4. the shop's integration account and its token
        assertThat(aftercare("account", "add", "shop", "--role", "integration")).as(err).isZero();
        assertThat(aftercare("account", "token", "shop", "--label", "web shop")).as(err).isZero();
        String shopToken = out.strip();

        // 5. serve, attached to the PBX (whose queues.conf has 400)
        try (FakeAmiServer pbx = FakeAmiServer.builder().securityEvents(false).start();
             TestApp app = new TestApp(db, clock, c -> c.withAmi(new AftercareConfig.Ami(c.ami().pbxId(),
                     "127.0.0.1", pbx.port(), "hotline", "s3cret", Duration.ofMillis(100), Duration.ofSeconds(1),
                     Duration.ofSeconds(10))))) {
            pbx.defineQueue("400", "rrmemory");
            await().atMost(Duration.ofSeconds(10)).until(() -> Json.mapper().readTree(app.get("/health").body())
                    .path("ami").path("pbx1").asText().equals("connected"));
            // 6. routing: the hotline 5550400 goes to queue 400
            var rule = app.post("/api/routing/rules", "{\"name\":\"Repairs line\","
                    + "\"when\":{\"hotline\":\"5550400\"},\"then\":{\"queue\":\"400\",\"priority\":2}}");
            assertThat(rule.status()).as(rule.body()).isEqualTo(201);
            // 7. the shop sends its data with its token
            assertThat(app.as(shopToken).post("/api/customers", "{\"name\":\"Carl Caller\","
                    + "\"phones\":[\"+442079460123\"]}").status()).isEqualTo(201);

            // the floor works: Ann logs in to her queue (and only hers), a call to the hotline reaches it
            String ann = app.app().services().auth().login("ann", "ann-password", "test").token();
            var login = app.as(ann).post("/api/agents/login", "{\"iface\":\"PJSIP/1001\",\"queues\":[\"400\"]}");
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            assertThat(app.as(ann).post("/api/agents/login", "{\"iface\":\"PJSIP/1001\","
                    + "\"queues\":[\"general-support\"]}").status()).isEqualTo(403);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.as(ann).get("/api/agents/me").body()
                    .contains("\"queues\":[\"400\"]"));
            var call = FakeAgiClient.builder().callerId("+442079460123").dnid("5550400").build()
                    .run("127.0.0.1", app.app().agiPort());
            assertThat(call.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "400")
                    .containsEntry(DialplanVariables.RULE, "Repairs line")
                    .containsEntry(DialplanVariables.ROUTE_STATUS, "ok");
            assertThat(call.afterDialplan().get(DialplanVariables.CUSTOMER_ID)).isNotBlank();
        }
    }
}
