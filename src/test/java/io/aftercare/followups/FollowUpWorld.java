package io.aftercare.followups;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * aftercare attached to the tests' AMI fake with a voicemail spool holding the message the real Asterisk 22 wrote
 * ({@code src/test/resources/voicemail-spool/}), agents 1 and 2 (agent accounts), a supervisor, and two open
 * follow-ups: that voicemail (from +12125550123, Pia's number) and an abandoned call in repairs 42 minutes
 * before it. Not thread-safe.
 */
final class FollowUpWorld implements AutoCloseable {
    /** When the captured message was left (its origtime). */
    static final Instant LEFT = Instant.ofEpochSecond(1796677987L);
    private static final Duration WAIT = Duration.ofSeconds(10);

    final FakeAmiServer pbx;
    final TestApp app;
    final TestApp agent1;
    final TestApp agent2;
    final TestApp supervisor;
    final long voicemail;
    final long abandoned;

    FollowUpWorld(Path dir) {
        Path spool = dir.resolve("spool");
        try {
            Files.createDirectories(spool.resolve("INBOX"));
            for (String f : List.of("msg0000.txt", "msg0000.wav")) {
                Files.copy(Path.of("src/test/resources/voicemail-spool/INBOX", f), spool.resolve("INBOX").resolve(f));
            }
            pbx = FakeAmiServer.builder().listsEmittedChannels().securityEvents(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC(), config -> config.withAmi(
                new AftercareConfig.Ami(config.ami().pbxId(), "127.0.0.1", pbx.port(), "hotline", "s3cret",
                        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)))
                .withFollowUps(new AftercareConfig.FollowUps("aftercare@default", spool.toString(),
                        Duration.ofMinutes(10), Duration.ofMinutes(1))));
        app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface, created_at)"
                + " VALUES ('agent1', 'Agent 1', 'Local/agent1@agents', 0), ('agent2', 'Agent 2',"
                + " 'Local/agent2@agents', 0)"));
        json(app.post("/api/customers", "{\"name\": \"Pia Fischer\", \"phones\": [\"+12125550123\"]}").body());
        agent1 = app.as(app.signIn("a1", "agent", "agent1"));
        agent2 = app.as(app.signIn("a2", "agent", "agent2"));
        supervisor = app.as(app.signIn("s1", "supervisor", null));
        FollowUpDao dao = new FollowUpDao(app.app().database().jdbi());
        Instant now = Instant.now();
        abandoned = dao.insert(new NewFollowUp(FollowUpKind.ABANDONED, "pbx1", "1796000000.1", "repairs",
                "+12125550177", "Max M", null, "1796000000.1", LEFT.minus(Duration.ofMinutes(42)), null, null, null,
                null), FollowUpState.OPEN, now).orElseThrow();
        // the spool was read at start: the voicemail is there, with Pia identified by her number
        voicemail = await().atMost(WAIT).until(() -> app.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM follow_ups WHERE kind = 'voicemail'").mapTo(Long.class).findOne()),
                java.util.Optional::isPresent).orElseThrow();
        await().atMost(WAIT).until(() -> json(app.get("/health").body()).path("ami").path("pbx1").asText()
                .equals("connected"));
    }

    static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        pbx.close();
    }
}
