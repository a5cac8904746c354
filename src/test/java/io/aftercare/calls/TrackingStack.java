package io.aftercare.calls;

import io.aftercare.agents.AfterCallWorkPolicy;
import io.aftercare.ami.AmiConnector;
import io.aftercare.ami.PbxSettings;
import io.aftercare.config.AftercareConfig;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.PhoneNumber;
import io.aftercare.telephony.PhoneNumbers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The whole tracking pipeline against a real SQLite file and an AMI port, for integration tests. */
final class TrackingStack implements AutoCloseable {
    static final Instant FROM = Instant.EPOCH;
    static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");

    final Database database;
    final CallRecordWriter writer;
    final CallTrackingService tracking;
    final AmiConnector ami;
    final CallTracker tracker;
    /** Set once the tracker has applied the resync that follows each login. */
    final java.util.concurrent.atomic.AtomicInteger resyncs = new java.util.concurrent.atomic.AtomicInteger();

    TrackingStack(Path dir, String pbxId, int port, Clock clock) {
        this(dir, pbxId, port, clock, PbxSettings.RECONCILE_INTERVAL);
    }

    /** @param reconcileInterval how often the PBX's channel list is checked */
    TrackingStack(Path dir, String pbxId, int port, Clock clock, Duration reconcileInterval) {
        database = Database.open(new AftercareConfig.Db("jdbc:sqlite:" + dir.resolve("t.db"), "", "", 4,
                Duration.ofSeconds(5)));
        database.migrate();
        writer = new CallRecordWriter(database.jdbi());
        PhoneNumbers phones = new PhoneNumbers("US");
        tracker = new CallTracker(writer, clock, raw -> phones.parseCallerId(raw).map(PhoneNumber::e164).orElse(null),
                q -> QueueTiming.DEFAULT);
        tracking = new CallTrackingService(tracker, clock);
        tracking.addListener(event -> {
            if (event instanceof TrackingEvent.Rebuilt) {
                resyncs.incrementAndGet();
            }
        });
        ami = new AmiConnector(List.of(new PbxSettings(pbxId, "127.0.0.1", port, "hotline", "s3cret",
                Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500), reconcileInterval)), tracking,
                clock);
        tracking.addListener(new AfterCallWorkPolicy(ami));
        ami.start();
    }

    List<ContactRecord> contacts() {
        return database.jdbi().withExtension(CallDao.class, d -> d.contacts(FROM, TO));
    }

    List<SegmentRecord> segments() {
        return database.jdbi().withExtension(CallDao.class, d -> d.segments(FROM, TO));
    }

    List<AgentStateChange> agentStates() {
        return database.jdbi().withExtension(CallDao.class, d -> d.agentStates(FROM, TO));
    }

    /** True once every event handed to the tracker is processed and stored. */
    boolean settled() {
        try {
            tracking.ask(t -> t).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return writer.isIdle();
    }

    @Override
    public void close() {
        ami.close();
        tracking.close();
        writer.close();
        database.close();
    }
}
