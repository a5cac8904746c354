package io.aftercare.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.persistence.DatabaseFault.Kind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class DatabaseHealthCheckTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicReference<Exception> refusal = new AtomicReference<>();
    private final DatabaseHealthCheck health = new DatabaseHealthCheck(() -> {
        probes.incrementAndGet();
        if (refusal.get() != null) {
            throw refusal.get();
        }
    }, nanos::get, Duration.ofSeconds(1));

    @Test
    void upWhileTheProbeWrites() {
        assertThat(health.check()).isEmpty();
    }

    @Test
    void aRefusedProbeIsReportedWithItsKindAndReason() {
        refusal.set(new SQLiteException("[SQLITE_READONLY] Attempt to write a readonly database",
                SQLiteErrorCode.SQLITE_READONLY));
        DatabaseFault fault = health.check().orElseThrow();
        assertThat(fault.kind()).isEqualTo(Kind.READ_ONLY);
        assertThat(fault.reason()).contains("the SQLite file is read-only");
    }

    @Test
    void aProbeFailureNoOneClassifiedIsDown() {
        refusal.set(new IllegalStateException("flyway_schema_history is gone"));
        DatabaseFault fault = health.check().orElseThrow();
        assertThat(fault.kind()).isEqualTo(Kind.DOWN);
        assertThat(fault.reason()).contains("flyway_schema_history is gone");
    }

    @Test
    void askingOftenCostsOneProbeASecond() {
        for (int i = 0; i < 5; i++) {
            health.check();
        }
        assertThat(probes).hasValue(1);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        health.check();
        assertThat(probes).hasValue(1);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        health.check();
        assertThat(probes).hasValue(2);
    }

    @Test
    void aChangeShowsOnceTheLastAnswerIsASecondOld() {
        assertThat(health.check()).isEmpty();
        refusal.set(new java.sql.SQLException("cannot execute UPDATE in a read-only transaction", "25006"));
        assertThat(health.check()).as("the answer of a moment ago").isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(health.check()).map(DatabaseFault::kind).contains(Kind.READ_ONLY);
        refusal.set(null);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(health.check()).isEmpty();
    }
}
