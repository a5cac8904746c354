package io.aftercare.bench;

import io.aftercare.ami.PbxSettings;
import io.aftercare.fake.AmiHeader;
import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.Transcript;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;

/**
 * The AMI burst the throughput benchmarks share: synthetic calls cut from the real transcript
 * ({@code asterisk-22/ami-inbound-queue.txt}: every event of its first answered call, VarSet and Newexten noise
 * included, ids renumbered, timestamps shifted 30 s per call), written by a {@link FakeAmiServer} as fast as the
 * client reads and closed by an end marker; and the baseline consumer, an asterisk-java connection with
 * aftercare's event mask whose listener only counts. Not thread-safe; helpers of main programs.
 */
final class AmiBurst {
    /** The events {@code AmiTranslator} maps to records (its table); every other event is skipped noise. */
    static final Set<String> TRACKED = Set.of("Newchannel", "NewCallerid", "QueueCallerJoin", "QueueCallerLeave",
            "QueueCallerAbandon", "AgentCalled", "AgentRingNoAnswer", "AgentConnect", "AgentComplete", "Hold",
            "Unhold", "BridgeEnter", "BridgeLeave", "DialBegin", "DialEnd", "Hangup", "Rename", "QueueMemberAdded",
            "QueueMemberRemoved", "QueueMemberPause", "QueueMemberStatus", "QueueMember", "OriginateResponse");
    static final Set<String> IDS = Set.of("Uniqueid", "Linkedid", "DestUniqueid", "DestLinkedid",
            "BridgeUniqueid", "TransfererUniqueid", "TransfereeUniqueid");
    /** Every call's ids start with this and its number, so a consumer can tell the stream's calls apart. */
    static final String ID_PREFIX = "b";
    static final int CALLS_PER_WRITE = 50;
    static final String END_QUEUE = "bench-end";
    /** The end marker's Uniqueid and Linkedid. */
    static final String END_ID = "bench-end";
    /** The stream's writer, as {@link ThreadCpu} names it. */
    static final String STREAM = "bench-stream (the fake PBX writing)";
    /** The last packet of the stream: a queue join both consumers recognise. */
    static final String END = "Event: QueueCallerJoin\r\nChannel: Local/end@bench;2\r\nUniqueid: " + END_ID + "\r\n"
            + "Linkedid: " + END_ID + "\r\nQueue: " + END_QUEUE + "\r\nPosition: 1\r\nCount: 1\r\n\r\n";
    /** Events counted on both sides to prove none was lost: every one of them, per call. */
    static final Map<String, String> CHECKED = Map.of("Newchannel", "NewChannelEvent", "VarSet", "VarSetEvent",
            "Hangup", "HangupEvent", "AgentComplete", "AgentCompleteEvent");

    private AmiBurst() {}

    /**
     * One call's events; {@code tracked} of them are mapped by the translator, {@code checked} are counted by the
     * loss check. {@code caller},
     * {@code agent} (login) and {@code memberName} are the transcript's, which a {@link Cast} replaces; {@code queue}
     * is the one the call waits in.
     */
    record Template(List<AmiPacket> events, int tracked, int checked, String caller, String agent, String memberName,
                    String queue) {}

    /** An agent as the stream names it: login (as in {@code Local/LOGIN@agents}) and queue member name. */
    record Agent(String login, String name) {}

    /** Who calls and who answers: call n gets caller n and agent n, modulo their counts. */
    record Cast(List<String> callers, List<Agent> agents) {
        Cast {
            callers = List.copyOf(callers);
            agents = List.copyOf(agents);
        }

        /** The transcript's own caller and agent for every call: the stream as cut, byte for byte. */
        static Cast of(Template call) {
            return new Cast(List.of(call.caller()), List.of(new Agent(call.agent(), call.memberName())));
        }

        boolean isTranscripts(Template call) {
            return callers.equals(List.of(call.caller()))
                    && agents.equals(List.of(new Agent(call.agent(), call.memberName())));
        }
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
        AmiPacket called = events.stream().filter(p -> p.type().equals("AgentCalled")).findFirst().orElseThrow();
        String iface = called.getOrEmpty("Interface"); // Local/agent3@agents
        return new Template(events, tracked, checked, called.getOrEmpty("CallerIDNum"),
                iface.substring(iface.indexOf('/') + 1, iface.indexOf('@')), called.getOrEmpty("MemberName"),
                called.getOrEmpty("Queue"));
    }

    /**
     * Wire text of calls [from, to): ids prefixed with {@link #ID_PREFIX} and the call number, timestamps 30 s apart
     * per call, the transcript's caller number, agent login and member name replaced by the cast's for that call.
     */
    static String wire(Template call, Cast cast, int from, int to) {
        boolean asCut = cast.isTranscripts(call);
        StringBuilder out = new StringBuilder(to - from == 0 ? 16 : (to - from) * 40_000);
        for (int n = from; n < to; n++) {
            String caller = cast.callers().get(n % cast.callers().size());
            Agent agent = cast.agents().get(n % cast.agents().size());
            for (AmiPacket p : call.events()) {
                for (AmiHeader h : p.headers()) {
                    String value = h.value();
                    out.append(h.name()).append(": ");
                    if (IDS.contains(h.name()) && !value.isEmpty()) {
                        out.append(ID_PREFIX).append(n).append('-').append(value);
                    } else if (h.name().equals("Timestamp")) { // seconds.micros, 30 s later per call
                        long micros = new BigDecimal(value).movePointRight(6).longValueExact() + n * 30_000_000L;
                        String frac = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
                        out.append(micros / 1_000_000).append('.').append(frac);
                    } else if (asCut) {
                        out.append(value);
                    } else if (value.equals(call.caller())) {
                        out.append(caller);
                    } else if (value.equals(call.memberName())) {
                        out.append(agent.name());
                    } else {
                        out.append(value.replace(call.agent(), agent.login()));
                    }
                    out.append("\r\n");
                }
                out.append("\r\n");
            }
        }
        return out.toString();
    }

    /** True for the ids of the stream's calls ({@link #wire}), false for the end marker's and the PBX's own. */
    static boolean ofStream(String id) {
        return id.length() > 1 && id.startsWith(ID_PREFIX) && Character.isDigit(id.charAt(ID_PREFIX.length()));
    }

    /** The thread writing the stream, and the CPU time it used once it is done. */
    record Producer(Thread thread, AtomicLong cpuNanos) {
        void join() throws InterruptedException {
            thread.join();
        }
    }

    /** Writes the calls, then the end marker, on a thread of its own; the server blocks while the client lags. */
    static Producer stream(FakeAmiServer server, Template call, Cast cast, int calls) {
        AtomicLong cpu = new AtomicLong();
        return new Producer(Thread.ofPlatform().name("bench-stream").start(() -> {
            for (int n = 0; n < calls; n += CALLS_PER_WRITE) {
                server.emitRaw(wire(call, cast, n, Math.min(calls, n + CALLS_PER_WRITE)));
            }
            server.emitRaw(END);
            cpu.set(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
        }), cpu);
    }

    /**
     * The baseline: an asterisk-java connection logged in with aftercare's event mask, whose listener counts and
     * discards every event, on the stream. Prints a loss check (asterisk-java drops events silently when its
     * 20,000-event queue fills).
     */
    static Counted countOnly(String name, Template call, Cast cast, int calls, long events) throws Exception {
        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start()) {
            ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", server.port(), "hotline", "s3cret")
                    .createManagerConnection();
            LongAdder received = new LongAdder();
            LongAdder checked = new LongAdder();
            AtomicBoolean done = new AtomicBoolean();
            Set<String> classes = Set.copyOf(CHECKED.values());
            c.addEventListener(e -> {
                received.increment();
                if (classes.contains(e.getClass().getSimpleName())) {
                    checked.increment();
                } else if (e instanceof QueueCallerJoinEvent j && END_QUEUE.equals(j.getQueue())) {
                    done.set(true);
                }
            });
            c.login(PbxSettings.EVENT_MASK);
            ThreadCpu before = ThreadCpu.take();
            long start = System.nanoTime();
            Producer producer = stream(server, call, cast, calls);
            watch(name, received::sum, events, done::get);
            double seconds = (System.nanoTime() - start) / 1e9;
            ThreadCpu atStop = ThreadCpu.take();
            producer.join();
            c.logoff();
            long expected = (long) calls * call.checked();
            System.out.printf(Locale.ROOT, "%s: %d events in %.2f s: %.0f events/s (of the stream); "
                    + "Newchannel+VarSet+Hangup+AgentComplete %d of %d%s%n", name, received.sum(), seconds,
                    events / seconds, checked.sum(), expected, checked.sum() == expected ? "" : "  EVENTS LOST");
            return new Counted(events / seconds, seconds, atStop.since(before).with(STREAM, producer.cpuNanos().get()));
        }
    }

    /** The baseline's events of the stream per second, its seconds, and the CPU time used meanwhile. */
    record Counted(double eventsPerSecond, double seconds, ThreadCpu cpu) {}

    /**
     * Polls until done, printing the heap after a GC each time another ~200,000 events went through; gives up
     * (events were lost) when nothing moves for 15 s.
     */
    static void watch(String name, LongSupplier progress, long events, BooleanSupplier done) {
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
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** The machine's load averages (1, 5, 15 min), as /proc/loadavg gives them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
