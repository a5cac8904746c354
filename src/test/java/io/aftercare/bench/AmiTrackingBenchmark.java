package io.aftercare.bench;

import io.aftercare.telephony.AgentCommands;
import io.aftercare.ami.AmiConnector;
import io.aftercare.ami.PbxSettings;
import io.aftercare.calls.CallDao;
import io.aftercare.calls.CallRecordWriter;
import io.aftercare.calls.CallTracker;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.persistence.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * AMI tracking throughput: a FakeAmiServer streams synthetic calls cut from the real transcript (every event of the
 * first answered call, VarSet and Newexten noise included, ids renumbered, timestamps shifted) as fast as the
 * client reads. Measures asterisk-java alone (parse, discard) and aftercare (connector, translator, tracker, SQLite
 * writer) on the same stream in one run, checks nothing was lost and prints the heap after GC along the way.
 * Run: see doc/benchmarks.md ("AMI tracking"). Not thread-safe; a main program.
 */
public final class AmiTrackingBenchmark {
    private AmiTrackingBenchmark() {}

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        AmiBurst.Template call = AmiBurst.template();
        AmiBurst.Cast cast = AmiBurst.Cast.of(call);
        int calls = (int) ((target + call.events().size() - 1) / call.events().size());
        long events = (long) calls * call.events().size();
        System.out.printf(Locale.ROOT, "stream: %d calls x %d events = %d events (%d tracked per call)%n", calls,
                call.events().size(), events, call.tracked());

        int warmup = Math.max(1, calls / 10);
        System.out.printf(Locale.ROOT, "warm-up (JIT): %d calls each%n", warmup);
        AmiBurst.countOnly("parse-only", call, cast, warmup, (long) warmup * call.events().size());
        aftercare(call, cast, warmup, (long) warmup * call.events().size());
        System.out.println("measured:");
        double parseOnly = AmiBurst.countOnly("parse-only", call, cast, calls, events).eventsPerSecond();
        double aftercare = aftercare(call, cast, calls, events);
        System.out.printf(Locale.ROOT, "RESULT asterisk-java parse-only: %.0f events/s; aftercare tracking + SQLite: "
                + "%.0f events/s; ratio %.2f%n", parseOnly, aftercare, aftercare / parseOnly);
    }

    static double aftercare(AmiBurst.Template call, AmiBurst.Cast cast, int calls, long events) throws Exception {
        Path dir = Files.createTempDirectory("ami-bench");
        Clock clock = Clock.systemUTC();
        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start();
             Database db = Database.open(new AftercareConfig.Db("jdbc:sqlite:" + dir.resolve("bench.db"), "", "", 4,
                     Duration.ofSeconds(5)))) {
            db.migrate();
            CallRecordWriter writer = new CallRecordWriter(db.jdbi());
            // The PBX accepts every acw pause at once (the fake does not know the transcript's agents).
            CallTracker tracker = new CallTracker(writer, clock, raw -> null, q -> io.aftercare.calls.QueueTiming.DEFAULT);
            CallTrackingService tracking = new CallTrackingService(tracker, clock);
            tracking.addListener(new io.aftercare.agents.AfterCallWorkPolicy(new Accepting()));
            LongAdder handedOff = new LongAdder();
            java.util.concurrent.atomic.AtomicBoolean end = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicBoolean connected = new java.util.concurrent.atomic.AtomicBoolean();
            AmiConnector ami = new AmiConnector(List.of(new PbxSettings("pbx1", "127.0.0.1", server.port(), "hotline",
                    "s3cret", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5))), e -> {
                        if (e instanceof io.aftercare.telephony.events.PbxEvent.Resynced) {
                            connected.set(true);
                        } else if (e instanceof io.aftercare.telephony.events.PbxEvent.QueueJoined j
                                && j.queue().equals(AmiBurst.END_QUEUE)) {
                            end.set(true);
                        } else if (!(e instanceof io.aftercare.telephony.events.PbxEvent.LinkChanged)) {
                            handedOff.increment();
                        }
                        tracking.accept(e);
                    }, clock);
            ami.start();
            while (!connected.get()) {
                Thread.onSpinWait();
            }
            long expected = (long) calls * call.tracked();
            long start = System.nanoTime();
            AmiBurst.Producer producer = AmiBurst.stream(server, call, cast, calls);
            BooleanSupplier stored = () -> {
                try {
                    return end.get() && tracking.ask(t -> t.liveCalls()).get() == 1 && writer.isIdle();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            LongSupplier progress = () -> handedOff.sum() * events / Math.max(1, expected);
            AmiBurst.watch("aftercare", progress, events, stored);
            if (!stored.getAsBoolean()) {
                System.out.printf(Locale.ROOT, "  live calls %d, writer idle %s, backlog %d%n",
                        tracking.ask(t -> t.liveCalls()).get(), writer.isIdle(), writer.backlog());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            producer.join();
            ami.close();
            tracking.close();
            writer.close();
            long contacts = db.jdbi().withExtension(CallDao.class, d -> d.contacts(Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z"))).stream().filter(c -> c.endedAt() != null
                    && c.answeredAt() != null).count();
            System.out.printf(Locale.ROOT, "aftercare: %d of %d tracked events handed off, %d of %d calls stored and "
                    + "ended, in %.2f s: %.0f events/s (of the whole stream)%s%n", handedOff.sum(), expected, contacts,
                    calls, seconds, events / seconds, handedOff.sum() == expected && contacts == calls ? ""
                            : "  EVENTS LOST");
            return events / seconds;
        }
    }

    /** A PBX that accepts every queue command. */
    static final class Accepting implements AgentCommands {
        @Override
        public java.util.concurrent.CompletionStage<Void> add(String p, String q, String i, String n, String s,
                                                              int penalty, boolean paused, String r) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> pause(String p, String q, String i, boolean paused,
                                                                String r) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> remove(String p, String q, String i) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }
}
