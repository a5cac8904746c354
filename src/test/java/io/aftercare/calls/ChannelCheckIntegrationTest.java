package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.aftercare.fake.FakeAmiServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

/**
 * The periodic channel check through the real AMI connector against a FakeAmiServer that lists the channels it
 * creates, as Asterisk does: a call whose Hangup never reaches aftercare while the link stays up is closed as lost
 * track, with one log line; calls that end normally or are still up are left alone.
 */
@Isolated // counts every CallTracker log line in the JVM, and other classes track calls too
class ChannelCheckIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration EVERY = Duration.ofMillis(200);

    @TempDir
    Path dir;
    FakeAmiServer server;
    TrackingStack stack;
    AmiScript script;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        ((Logger) LoggerFactory.getLogger(CallTracker.class)).addAppender(log);
        log.start();
        server = FakeAmiServer.builder().securityEvents(false).listsEmittedChannels().start();
        stack = new TrackingStack(dir, "pbx1", server.port(), Clock.systemUTC(), EVERY);
        script = new AmiScript(server);
        await().atMost(WAIT).until(() -> stack.resyncs.get() == 1);
    }

    @AfterEach
    void stop() {
        stack.close();
        server.close();
        ((Logger) LoggerFactory.getLogger(CallTracker.class)).detachAppender(log);
    }

    Optional<ContactRecord> contact(String linkedId) {
        return stack.contacts().stream().filter(c -> c.linkedId().equals(linkedId)).findFirst();
    }

    @Test
    void aCallWhoseHangupWasLostIsClosedAsLostTrackAtItsLastEventAndLogged() {
        for (String id : List.of("100.1", "200.1", "300.1")) {
            script.newChannel(id, id, "2025550100");
            script.join(id, id, "vip", "2025550100");
        }
        script.connect("100.1", "100.1", "vip", "Local/agent1@agents");
        await().atMost(WAIT).until(() -> stack.settled() && contact("100.1").map(c -> c.answeredAt() != null)
                .orElse(false) && contact("300.1").isPresent());
        server.forgetChannel("100.1"); // the caller hung up; the Hangup is lost on the way
        script.hangup("200.1", "200.1"); // an abandon seen as usual

        await().atMost(WAIT).until(() -> stack.settled() && contact("100.1").map(c -> c.endedAt() != null)
                .orElse(false));
        ContactRecord lost = contact("100.1").orElseThrow();
        assertThat(lost.lostTrack()).isTrue();
        assertThat(lost.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(lost.endedAt()).isEqualTo(lost.answeredAt()); // its last known time
        assertThat(stack.segments()).filteredOn(s -> s.linkedId().equals("100.1")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.endedAt()).isNotNull()).noneMatch(s -> s.kind() == SegmentKind.WRAPUP);
        assertThat(contact("200.1").orElseThrow().lostTrack()).isFalse();

        await().during(EVERY.multipliedBy(5)).atMost(WAIT).until(() -> stack.settled()
                && contact("300.1").orElseThrow().endedAt() == null); // still up on the PBX: checked, left alone
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .contains("pbx1", "100.1", "lost track");
    }
}
