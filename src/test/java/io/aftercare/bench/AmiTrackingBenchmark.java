package io.aftercare.bench;

import io.aftercare.telephony.AgentCommands;
import io.aftercare.ami.AmiConnector;
import io.aftercare.ami.PbxSettings;
import io.aftercare.calls.CallDao;
import io.aftercare.calls.CallRecordWriter;
import io.aftercare.calls.CallTracker;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.AmiHeader;
import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.Transcript;
import io.aftercare.persistence.Database;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;

/**
 * AMI tracking throughput: a FakeAmiServer streams synthetic calls cut from the real transcript (every event of the
 * first answered call, VarSet and Newexten noise included, ids renumbered, timestamps shifted) as fast as the
 * client reads. Measures asterisk-java alone (parse, discard) and aftercare (connector, translator, tracker, SQLite
 * writer) on the same stream in one run, checks nothing was lost and prints the heap after GC along the way.
 * Run: see doc/benchmarks.md ("AMI tracking"). Not thread-safe; a main program.
 */
public final class AmiTrackingBenchmark {
    /** Events the translator maps; every other event is noise skipped by one lookup. */
    static final Set<String> TRACKED = Set.of("Newchannel", "QueueCallerJoin", "QueueCallerLeave",
            "QueueCallerAbandon", "AgentCalled", "AgentRingNoAnswer", "AgentConnect", "AgentComplete", "Hold",
            "Unhold", "BridgeEnter", "BridgeLeave", "Hangup", "Rename", "QueueMemberAdded", "QueueMemberRemoved",
            "QueueMemberPause", "QueueMemberStatus");
    static final Set<String> IDS = Set.of("Uniqueid", "Linkedid", "DestUniqueid", "DestLinkedid",
            "BridgeUniqueid", "TransfererUniqueid", "TransfereeUniqueid");
    static final int CALLS_PER_WRITE = 50;
    /** The last packet of the stream: a queue join both consumers recognise. */
    static final String END = "Event: QueueCallerJoin\r\nChannel: Local/end@bench;2\r\nUniqueid: bench-end\r\n"
            + "Linkedid: bench-end\r\nQueue: bench-end\r\nPosition: 1\r\nCount: 1\r\n\r\n";
    /** Events counted on both sides to prove none was lost: every one of them, per call. */
    static final java.util.Map<String, String> CHECKED = java.util.Map.of("Newchannel", "NewChannelEvent",
            "VarSet", "VarSetEvent", "Hangup", "HangupEvent", "AgentComplete", "AgentCompleteEvent");

    private AmiTrackingBenchmark() {}

    record Template(List<AmiPacket> events, int tracked, int checked) {}

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Template call = template();
        int calls = (int) ((target + call.events().size() - 1) / call.events().size());
        long events = (long) calls * call.events().size();
        System.out.printf(Locale.ROOT, "stream: %d calls x %d events = %d events (%d tracked per call)%n", calls,
                call.events().size(), events, call.tracked());

        int warmup = Math.max(1, calls / 10);
        System.out.printf(Locale.ROOT, "warm-up (JIT): %d calls each%n", warmup);
        parseOnly(call, warmup, (long) warmup * call.events().size());
        aftercare(call, warmup, (long) warmup * call.events().size());
        System.out.println("measured:");
        double parseOnly = parseOnly(call, calls, events);
        double aftercare = aftercare(call, calls, events);
        System.out.printf(Locale.ROOT, "RESULT asterisk-java parse-only: %.0f events/s; aftercare tracking + SQLite: "
                + "%.0f events/s; ratio %.2f%n", parseOnly, aftercare, aftercare / parseOnly);
    }

    /** The first call of the transcript: its events from its first Newchannel to its last, and the noise between. */
    static Template template() {
        Transcript.Ami t = Transcript.parseAmi(Transcript.resource("asterisk-22/ami-inbound-queue.txt"));
        List<AmiPacket> all = t.events();
        int first = -1;
        String linkedId = null;
        int last = -1;
        for (int i = 0; i < all.size(); i++) {
            AmiPacket p = all.get(i);
            if (first < 0 && p.type().equals("Newchannel")) {
                first = i;
                linkedId = p.getOrEmpty("Linkedid");
            }
            if (linkedId != null && p.getOrEmpty("Linkedid").equals(linkedId)) {
                last = i;
            }
        }
        List<AmiPacket> events = new ArrayList<>();
        for (AmiPacket p : all.subList(first, last + 1)) { // this call's events and the noise that names no call
            String l = p.getOrEmpty("Linkedid");
            if (l.isEmpty() || l.equals(linkedId)) {
                events.add(p);
            }
        }
        int tracked = (int) events.stream().filter(p -> TRACKED.contains(p.type())).count();
        int checked = (int) events.stream().filter(p -> CHECKED.containsKey(p.type())).count();
        return new Template(events, tracked, checked);
    }

    /** Wire text of calls [from, to): ids prefixed with the call number, timestamps 30 s apart per call. */
    static String wire(Template call, int from, int to) {
        StringBuilder out = new StringBuilder(to - from == 0 ? 16 : (to - from) * 40_000);
        for (int n = from; n < to; n++) {
            for (AmiPacket p : call.events()) {
                for (AmiHeader h : p.headers()) {
                    out.append(h.name()).append(": ");
                    if (IDS.contains(h.name()) && !h.value().isEmpty()) {
                        out.append('b').append(n).append('-').append(h.value());
                    } else if (h.name().equals("Timestamp")) { // seconds.micros, 30 s later per call
                        long micros = new java.math.BigDecimal(h.value()).movePointRight(6).longValueExact()
                                + n * 30_000_000L;
                        String frac = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
                        out.append(micros / 1_000_000).append('.').append(frac);
                    } else {
                        out.append(h.value());
                    }
                    out.append("\r\n");
                }
                out.append("\r\n");
            }
        }
        return out.toString();
    }

    static Thread stream(FakeAmiServer server, Template call, int calls) {
        return Thread.ofPlatform().name("bench-stream").start(() -> {
            for (int n = 0; n < calls; n += CALLS_PER_WRITE) {
                server.emitRaw(wire(call, n, Math.min(calls, n + CALLS_PER_WRITE)));
            }
            server.emitRaw(END);
        });
    }

    static double parseOnly(Template call, int calls, long events) throws Exception {
        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start()) {
            ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", server.port(), "hotline", "s3cret")
                    .createManagerConnection();
            LongAdder received = new LongAdder();
            LongAdder checked = new LongAdder();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Set<String> classes = Set.copyOf(CHECKED.values());
            c.addEventListener(e -> {
                received.increment();
                if (classes.contains(e.getClass().getSimpleName())) {
                    checked.increment();
                } else if (e instanceof org.asteriskjava.manager.event.QueueCallerJoinEvent j
                        && "bench-end".equals(j.getQueue())) {
                    done.set(true);
                }
            });
            c.login(PbxSettings.EVENT_MASK);
            long start = System.nanoTime();
            Thread producer = stream(server, call, calls);
            watch("parse-only", received::sum, events, done::get);
            double seconds = (System.nanoTime() - start) / 1e9;
            producer.join();
            c.logoff();
            long expected = (long) calls * call.checked();
            System.out.printf(Locale.ROOT, "parse-only: %d events in %.2f s: %.0f events/s (of the stream); "
                    + "Newchannel+VarSet+Hangup+AgentComplete %d of %d%s%n", received.sum(), seconds, events / seconds,
                    checked.sum(), expected, checked.sum() == expected ? "" : "  EVENTS LOST");
            return events / seconds;
        }
    }

    static double aftercare(Template call, int calls, long events) throws Exception {
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
                                && j.queue().equals("bench-end")) {
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
            Thread producer = stream(server, call, calls);
            BooleanSupplier stored = () -> {
                try {
                    return end.get() && tracking.ask(t -> t.liveCalls()).get() == 1 && writer.isIdle();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            LongSupplier progress = () -> handedOff.sum() * events / Math.max(1, expected);
            watch("aftercare", progress, events, stored);
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
                                                              boolean paused, String r) {
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

    /**
     * Polls until done, printing the heap after a GC each time another ~200,000 events went through; gives up
     * (events were lost) when nothing moves for 15 s.
     */
    static void watch(String name, LongSupplier progress, long events, BooleanSupplier done) throws Exception {
        long nextReport = 200_000;
        var memory = ManagementFactory.getMemoryMXBean();
        long lastSeen = -1;
        long started = System.nanoTime();
        long lastMove = started;
        while (!done.getAsBoolean()) {
            long seen = progress.getAsLong();
            if (seen != lastSeen) {
                lastSeen = seen;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > Duration.ofSeconds(15).toNanos()) {
                System.out.printf(Locale.ROOT, "  %s: stalled at %,d of %,d events%n", name, seen, events);
                return;
            }
            if (seen >= nextReport) {
                System.gc();
                System.out.printf(Locale.ROOT, "  %s: %,d events at %.1f s, heap after GC %d MB%n", name, seen,
                        (System.nanoTime() - started) / 1e9, memory.getHeapMemoryUsage().getUsed() >> 20);
                nextReport += 200_000;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
