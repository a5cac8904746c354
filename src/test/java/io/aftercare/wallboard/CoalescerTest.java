package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the wallboard hub pushes: on time the test moves by hand, with timers that run when it says. */
class CoalescerTest {
    private static final long MS = 1_000_000;
    private static final Duration WINDOW = Duration.ofMillis(100);

    private record Timer(long due, Runnable task) {}

    private long now = 5_000 * MS; // any origin: nanoTime values are only compared
    private final List<Timer> timers = new ArrayList<>();
    private final List<Long> flushes = new ArrayList<>(); // when each flush started, in ms from the origin
    private final List<Integer> flushedChanges = new ArrayList<>(); // how many changes each flush covered in all
    private int changes;
    private final long origin = now;
    private boolean autoComplete = true; // the flush ends at once, as the hub's does with no clients
    private final Coalescer coalescer = new Coalescer(WINDOW, () -> now,
            (nanos, task) -> timers.add(new Timer(now + nanos, task)), this::flush);

    private void flush() {
        flushes.add((now - origin) / MS);
        flushedChanges.add(changes);
        if (autoComplete) {
            coalescer.flushed();
        }
    }

    /** Moves time to {@code ms} after the origin, running the timers due on the way in due order. */
    private void at(long ms) {
        long until = origin + ms * MS;
        while (true) {
            Timer next = timers.stream().filter(t -> t.due() <= until).min(Comparator.comparingLong(Timer::due))
                    .orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            now = Math.max(now, next.due());
            next.task().run();
        }
        now = until;
    }

    @Test
    void aChangeAfterAQuietSpellIsPushedAtOnce() {
        at(0);
        coalescer.changed();
        assertThat(flushes).containsExactly(0L);
        at(500);
        coalescer.changed();
        assertThat(flushes).containsExactly(0L, 500L);
        assertThat(timers).isEmpty();
    }

    @Test
    void changesWithinAWindowArePushedTogetherWhenItEnds() {
        at(0);
        coalescer.changed(); // leading edge
        at(10);
        coalescer.changed();
        at(40);
        coalescer.changed();
        at(90);
        coalescer.changed();
        assertThat(flushes).containsExactly(0L);
        at(99);
        assertThat(flushes).containsExactly(0L);
        at(100);
        assertThat(flushes).containsExactly(0L, 100L); // one trailing push for the three
        at(1_000);
        assertThat(flushes).containsExactly(0L, 100L);
        assertThat(timers).isEmpty();
    }

    @Test
    void aPushThatTookLongerThanTheWindowIsFollowedByAsLongAPause() {
        autoComplete = false;
        at(0);
        coalescer.changed();
        at(50);
        coalescer.changed(); // the first push is still being written
        at(300);
        coalescer.flushed(); // took 300 ms, three windows: the change waits as long again, not a window
        assertThat(flushes).containsExactly(0L);
        at(599);
        assertThat(flushes).containsExactly(0L);
        at(600);
        assertThat(flushes).containsExactly(0L, 600L);
        at(640);
        coalescer.flushed(); // 40 ms: under the window again, so the window rules
        coalescer.changed();
        at(699);
        assertThat(flushes).containsExactly(0L, 600L);
        at(700);
        assertThat(flushes).containsExactly(0L, 600L, 700L);
    }

    @Test
    void aChangeDuringAQuickPushWaitsForTheWindowsEnd() {
        autoComplete = false;
        at(0);
        coalescer.changed();
        at(20);
        coalescer.changed();
        at(30);
        coalescer.flushed();
        assertThat(flushes).containsExactly(0L);
        at(100);
        assertThat(flushes).containsExactly(0L, 100L);
    }

    @Test
    void underSteadyChangesThereIsAtMostOnePushPerWindowAndNoChangeWaitsLonger() {
        for (int ms = 0; ms < 1_000; ms++) { // a change every millisecond for a second
            at(ms);
            changes++;
            coalescer.changed();
        }
        at(2_000);
        assertThat(flushes).hasSize(11); // 0, 100, ..., 1000
        for (int i = 1; i < flushes.size(); i++) {
            assertThat(flushes.get(i) - flushes.get(i - 1)).isGreaterThanOrEqualTo(100);
        }
        for (int change = 0; change < 1_000; change++) { // change k came at k ms
            int k = change;
            int first = 0;
            while (flushedChanges.get(first) <= k) {
                first++;
            }
            assertThat(flushes.get(first) - k).as("change at %d ms", k).isLessThanOrEqualTo(100);
        }
        assertThat(flushedChanges.getLast()).isEqualTo(1_000);
    }

    @Test
    void nothingIsPushedWithoutAChange() {
        at(0);
        coalescer.flushed(); // a stray end (no flush running) starts nothing
        at(1_000);
        assertThat(flushes).isEmpty();
        assertThat(timers).isEmpty();
    }
}
