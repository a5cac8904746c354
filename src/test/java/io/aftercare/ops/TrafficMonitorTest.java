package io.aftercare.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.aftercare.calls.ContactRecord;
import io.aftercare.calls.Outcome;
import io.aftercare.calls.TrackingEvent;
import io.aftercare.routing.RouteResult;
import io.aftercare.telephony.ContactKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

/** Traffic is counted once per call and told in one line a minute, with a warning when most calls time out. */
@Isolated // counts the warnings of every TrafficMonitor in the JVM, and other classes start whole apps
class TrafficMonitorTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TrafficMonitor monitor = new TrafficMonitor(registry, () -> Map.of("pbx1", "connected"), () -> 3);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(TrafficMonitor.class);

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    private void ended(String linkedId, Outcome outcome, ContactKind kind) {
        monitor.accept(new TrackingEvent.CallChanged("pbx1", T0, new ContactRecord("pbx1", linkedId, "+12125550123",
                "+12125550123", null, "vip", null, T0, T0, null, T0, T0.plusSeconds(30), outcome, false, null, null,
                kind)));
    }

    @Test
    void eachEndedInboundCallIsCountedOnceByQueueAndOutcomeAndMostTimingOutIsAWarning() {
        for (int i = 0; i < 4; i++) {
            ended("A" + i, Outcome.ANSWERED, ContactKind.INBOUND);
        }
        for (int i = 0; i < 7; i++) {
            ended("T" + i, Outcome.TIMEOUT, ContactKind.INBOUND);
        }
        ended("A0", Outcome.ANSWERED, ContactKind.INBOUND); // the same call's record again (a late talk time)
        ended("S1", Outcome.ANSWERED, ContactKind.SURVEY); // not a call to the floor
        monitor.accept(new TrackingEvent.CallChanged("pbx1", T0, new ContactRecord("pbx1", "O1", null, null, null,
                "vip", null, T0, T0, null, null, null, Outcome.OPEN, false, null, null, ContactKind.INBOUND)));
        for (int i = 0; i < 10; i++) {
            monitor.routed(i == 0 ? RouteResult.LOOKUP_TIMEOUT : i == 1 ? RouteResult.SCRIPT_FAILED : RouteResult.OK,
                    1_000_000);
        }

        assertThat(monitor.report()).startsWith("last minute: 11 calls ended (4 answered, 0 abandoned, 7 timed out,")
                .contains("10 routed (2 fallback)", "pbx1=connected", "3 call records waiting");
        assertThat(registry.get("aftercare_calls").tags("queue", "vip", "outcome", "timeout").counter().count())
                .isEqualTo(7);
        assertThat(registry.get("aftercare_route").tags("result", "fallback").timer().count()).isEqualTo(2);
        assertThat(registry.get("aftercare_route_fallbacks").tags("cause", "lookup_timeout").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("aftercare_route_fallbacks").tags("cause", "lookup_failed").counter().count())
                .as("every cause is shown from the start").isZero();
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("most calls timed out", "7 of 11"));

        assertThat(monitor.report()).as("the next minute starts from nothing")
                .startsWith("last minute: 0 calls ended");
    }
}
