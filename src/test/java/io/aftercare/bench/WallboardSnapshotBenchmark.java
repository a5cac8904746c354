package io.aftercare.bench;

import io.aftercare.calls.AgentStateChange;
import io.aftercare.calls.CallTracker;
import io.aftercare.calls.ContactRecord;
import io.aftercare.calls.Outcome;
import io.aftercare.calls.SegmentKind;
import io.aftercare.calls.SegmentRecord;
import io.aftercare.calls.TrackingSink;
import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.QueueRules;
import io.aftercare.metrics.StoredContact;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.wallboard.LiveFloor;
import io.aftercare.wallboard.QueueSetting;
import io.aftercare.wallboard.Snapshot;
import io.aftercare.wallboard.SnapshotBuilder;
import io.aftercare.wallboard.Thresholds;
import io.aftercare.wallboard.Today;
import io.aftercare.wallboard.TodayCalculator;
import io.aftercare.web.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Wallboard snapshot cost for a large floor: the call tracker is fed member and caller events until it holds
 * {@code agents} agents (each in three of {@code queues} queues; some paused, some on a call) and two waiting calls
 * per queue, and today's figures are computed once from synthetic calls (what {@code TodayCache} holds). Then it
 * times, many times over: reading the live floor from the tracker, {@link SnapshotBuilder#build}, and serialising
 * the snapshot to JSON; the baseline in the same run serialises a list of as many plain records (one per queue and
 * per agent, a few fields each). A plain main, not a test; see doc/benchmarks.md.
 *
 * <p>Arguments (all optional): queues (200), agents (5000), calls today (33000), measured rounds (500).
 */
public final class WallboardSnapshotBenchmark {
    private static final String PBX = "pbx1";
    private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

    /** The baseline's rows: as many as the snapshot holds, each a handful of plain fields. */
    record PlainQueue(String name, int waiting, long longest, int loggedIn, int ready, int onCall, int paused) {}

    record PlainAgent(String agent, String name, String state, Instant since, int calls, Long ahtMillis) {}

    record Plain(Instant at, List<PlainQueue> queues, List<PlainAgent> agents) {}

    public static void main(String[] args) {
        int queues = arg(args, 0, 200);
        int agents = arg(args, 1, 5_000);
        int calls = arg(args, 2, 33_000);
        int rounds = arg(args, 3, 500);
        System.out.printf("load average before: %s%n", loadAverage());
        CallTracker tracker = floor(queues, agents);
        Map<String, QueueSetting> settings = settings(queues);
        long t0 = System.nanoTime();
        List<CallFacts> facts = today(queues, agents, calls);
        QueueRules rules = rulesOf(settings);
        Today today = TodayCalculator.compute(NOW, settings, null, ZoneOffset.UTC, facts, rules, Map.of(),
                FirstContactResolution.DEFAULT_WINDOW, io.aftercare.wallboard.Recents.NONE);
        System.out.printf("today's figures for %d calls (once, as TodayCache refreshes them every 3 s): %.0f ms%n",
                calls, (System.nanoTime() - t0) / 1e6);
        LiveFloor probe = LiveFloor.of(tracker, NOW);
        Snapshot first = SnapshotBuilder.build(probe, today, settings, null);
        String json = Json.write(first);
        Plain plain = plainOf(first);
        String plainJson = Json.write(plain);
        System.out.printf("snapshot: %d queues, %d agents, %d waiting calls, JSON %d bytes; baseline JSON %d bytes%n",
                first.queues().size(), first.agents().size(), probe.waiting().size(), json.length(), plainJson.length());

        long[] live = new long[rounds];
        long[] build = new long[rounds];
        long[] write = new long[rounds];
        long[] baseline = new long[rounds];
        int sink = 0;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up and is not reported
            for (int i = 0; i < rounds; i++) {
                long a = System.nanoTime();
                LiveFloor floor = LiveFloor.of(tracker, NOW.plusMillis(i));
                long b = System.nanoTime();
                Snapshot s = SnapshotBuilder.build(floor, today, settings, null);
                long c = System.nanoTime();
                sink += Json.write(s).length();
                long d = System.nanoTime();
                sink += Json.write(plainOf(s, i)).length();
                long e = System.nanoTime();
                live[i] = b - a;
                build[i] = c - b;
                write[i] = d - c;
                baseline[i] = e - d;
            }
        }
        System.out.printf("measured %d rounds (load average after: %s) [%d]%n", rounds, loadAverage(), sink % 10);
        report("live floor read from the tracker", live);
        report("SnapshotBuilder.build", build);
        long[] total = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            total[i] = live[i] + build[i];
        }
        report("snapshot (live floor + build)", total);
        report("snapshot serialised to JSON", write);
        report("baseline: plain records serialised to JSON", baseline);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    static String queue(int q) {
        return String.format("queue-%03d", q);
    }

    static String iface(int a) {
        return String.format("PJSIP/agent%05d", a);
    }

    /** A tracker that has seen every member join its queues, some pauses and calls, and callers waiting. */
    private static CallTracker floor(int queues, int agents) {
        TrackingSink none = new TrackingSink() {
            @Override
            public void contact(ContactRecord contact) {}

            @Override
            public void segment(SegmentRecord segment) {}

            @Override
            public void agentState(AgentStateChange change) {}
        };
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        CallTracker tracker = new CallTracker(none, clock, raw -> null, q -> io.aftercare.calls.QueueTiming.DEFAULT);
        Instant at = NOW.minusSeconds(3_600);
        int events = 0;
        for (int a = 0; a < agents; a++) {
            String name = "Agent " + a;
            for (int k = 0; k < 3; k++) {
                String q = queue((a + k * 67) % queues);
                tracker.on(new PbxEvent.MemberAdded(PBX, at, q, iface(a), name, false, ""));
                events++;
            }
            if (a % 10 == 0) {
                tracker.on(new PbxEvent.MemberPaused(PBX, at.plusSeconds(a % 600), queue(a % queues), iface(a), name,
                        true, a % 20 == 0 ? "lunch" : "training"));
                events++;
            } else if (a % 5 < 2) { // 40 % in a call: Asterisk's AST_DEVICE_INUSE
                tracker.on(new PbxEvent.MemberStatus(PBX, at.plusSeconds(a % 900), queue(a % queues), iface(a), name,
                        2, false, "", true, false));
                events++;
            }
        }
        for (int q = 0; q < queues; q++) {
            for (int w = 0; w < 2; w++) {
                String linked = "1795000000." + (q * 2 + w);
                Instant joined = NOW.minusSeconds(5 + (q * 7 + w * 31) % 90);
                tracker.on(new PbxEvent.ChannelCreated(PBX, joined, linked, linked, "PJSIP/trunk-" + linked,
                        "2125550100", "Caller", "1800"));
                tracker.on(new PbxEvent.QueueJoined(PBX, joined, linked, linked, queue(q), w + 1, "2125550100",
                        "Caller"));
                events += 2;
            }
        }
        System.out.printf("tracker fed %d events: %d agents, %d live calls%n", events, tracker.agents().views().size(),
                tracker.liveCalls());
        return tracker;
    }

    private static Map<String, QueueSetting> settings(int queues) {
        Map<String, QueueSetting> settings = new LinkedHashMap<>();
        for (int q = 0; q < queues; q++) {
            settings.put(queue(q), new QueueSetting(queue(q), ZoneId.of("UTC"), QueueRules.Rule.seconds(20, 5),
                    Thresholds.DEFAULT));
        }
        return settings;
    }

    private static QueueRules rulesOf(Map<String, QueueSetting> settings) {
        Map<String, QueueRules.Rule> rules = new LinkedHashMap<>();
        settings.forEach((name, s) -> rules.put(name, s.rule()));
        return new QueueRules(rules);
    }

    /** Today's stored calls since midnight UTC: 85 % answered by one agent with talk, hold and wrap-up. */
    private static List<CallFacts> today(int queues, int agents, int calls) {
        Random random = new Random(42);
        Instant midnight = TodayCalculator.dayStart(NOW, ZoneOffset.UTC);
        long span = Duration.between(midnight, NOW).toSeconds() - 600;
        List<CallFacts> facts = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            String linked = "1794000000." + i;
            String q = queue(random.nextInt(queues));
            Instant queued = midnight.plusSeconds(random.nextLong(span));
            boolean answered = random.nextInt(100) < 85;
            Instant dequeued = queued.plusSeconds(random.nextInt(60));
            Instant ended = dequeued.plusSeconds(answered ? 120 + random.nextInt(300) : 0);
            Long customer = random.nextInt(10) < 8 ? (long) random.nextInt(20_000) : null;
            StoredContact c = new StoredContact(PBX, linked, q, queued.minusSeconds(10), queued,
                    answered ? dequeued : null, dequeued, ended, answered ? Outcome.ANSWERED : Outcome.ABANDONED,
                    false, customer, null, random.nextBoolean() ? "repair" : "billing");
            List<SegmentRecord> segments = new ArrayList<>();
            segments.add(new SegmentRecord(PBX, linked, SegmentKind.QUEUE, "", q, queued, dequeued));
            if (answered) {
                String agent = iface(random.nextInt(agents));
                Instant hold = dequeued.plusSeconds(60);
                segments.add(new SegmentRecord(PBX, linked, SegmentKind.TALK, agent, q, dequeued, hold));
                segments.add(new SegmentRecord(PBX, linked, SegmentKind.HOLD, agent, q, hold, hold.plusSeconds(20)));
                segments.add(new SegmentRecord(PBX, linked, SegmentKind.TALK, agent, q, hold.plusSeconds(20), ended));
                segments.add(new SegmentRecord(PBX, linked, SegmentKind.WRAPUP, agent, q, ended,
                        ended.plusSeconds(30)));
            }
            facts.add(CallFacts.of(c, segments));
        }
        return facts;
    }

    private static Plain plainOf(Snapshot s) {
        return plainOf(s, 0);
    }

    /** Same row counts as the snapshot, a few fields each; {@code salt} keeps the JIT from reusing a result. */
    private static Plain plainOf(Snapshot s, int salt) {
        List<PlainQueue> queues = new ArrayList<>(s.queues().size());
        for (var q : s.queues()) {
            queues.add(new PlainQueue(q.queue(), q.waiting() + salt % 2, q.longestWaitSeconds(), q.agents().loggedIn(),
                    q.agents().ready(), q.agents().onCall(), q.agents().paused()));
        }
        List<PlainAgent> agents = new ArrayList<>(s.agents().size());
        for (var a : s.agents()) {
            agents.add(new PlainAgent(a.agent(), a.name(), a.state().name(), a.since(), (int) a.callsToday(),
                    a.ahtMillis()));
        }
        return new Plain(s.at(), queues, agents);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("%-45s p50=%7.2f ms  p99=%7.2f ms  max=%7.2f ms%n", what, pct(sorted, 0.50),
                pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
