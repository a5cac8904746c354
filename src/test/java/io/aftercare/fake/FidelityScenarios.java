package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The scenarios played both on the real Asterisk (captured into {@code src/test/resources/captures/}) and on
 * the fakes, so the two can be compared: FastAGI sessions whose channel dies (the script hangs up, or the callee
 * does while the script waits, plays a prompt or reads digits), and async Originates of every outcome seen by AMI
 * sessions with different event masks. Immutable.
 */
public final class FidelityScenarios {
    /** Where the captures live, on the test classpath and under {@code src/test/resources}. */
    public static final String CAPTURES = "captures";
    /** The survey the FastAGI scenarios' calls carry, as aftercare's dialer sets it on the Originate. */
    public static final String SURVEY_ID = "7";

    private FidelityScenarios() {
    }

    /**
     * A FastAGI session: the callee answers and hangs up after {@code calleeSeconds} (long enough to outlive the
     * script unless the scenario is about the callee hanging up); the script plays {@code steps}. {@code fake} tells
     * a {@link FakeAgiClient} the same story (the callee's hangup as the fake counts it, in commands).
     */
    public record AgiScenario(String name, int calleeSeconds, List<AgiProbe.Step> steps,
                              UnaryOperator<FakeAgiClient.Builder> fake) {
        public AgiScenario {
            steps = List.copyOf(steps);
        }

        /** The fake's client for this scenario: the survey call's channel variable, and the callee's hangup. */
        public FakeAgiClient client() {
            return fake.apply(FakeAgiClient.builder().script("survey?id=" + SURVEY_ID + "&attempt=1")
                    .context("aftercare-survey").extension("s").channelVariable("SURVEY_ID", SURVEY_ID)).build();
        }
    }

    /**
     * An async Originate to {@code channel} (the far end's dialplan decides the outcome) whose answered leg runs
     * {@code context}/{@code exten}; {@code fake} is the outcome the fake is told to report for it.
     */
    public record OriginateScenario(String name, String channel, Duration timeout, OriginateOutcome fake) {
    }

    /** The test-only dialplan the Originate scenarios need, as {@code dialplan add extension} arguments. */
    public static final String CALLEE_CONTEXT = "callee-test";
    /** Where the answered leg goes: it hangs up a second later, as a survey's dialplan does after its AGI(). */
    public static final String ANSWERED_EXTEN = "dialplan-hangs-up";

    public static List<String> calleeDialplan() {
        return List.of(
                "answer,1,Answer()", "answer,2,Wait(4)", "answer,3,Hangup()",
                "busy,1,Busy()",
                "congestion,1,Congestion()",
                "reject,1,Hangup(21)",
                "ring,1,Ringing()", "ring,2,Wait(60)",
                ANSWERED_EXTEN + ",1,Wait(1)", ANSWERED_EXTEN + ",2,Hangup()");
    }

    public static List<OriginateScenario> originates() {
        return List.of(
                new OriginateScenario("answered", "Local/answer@" + CALLEE_CONTEXT, Duration.ofSeconds(15),
                        OriginateOutcome.ANSWERED),
                new OriginateScenario("busy", "Local/busy@" + CALLEE_CONTEXT, Duration.ofSeconds(15),
                        OriginateOutcome.BUSY),
                new OriginateScenario("no-answer", "Local/ring@" + CALLEE_CONTEXT, Duration.ofSeconds(3),
                        OriginateOutcome.NO_ANSWER),
                new OriginateScenario("congestion", "Local/congestion@" + CALLEE_CONTEXT, Duration.ofSeconds(15),
                        OriginateOutcome.CONGESTION),
                new OriginateScenario("rejected", "Local/reject@" + CALLEE_CONTEXT, Duration.ofSeconds(15),
                        OriginateOutcome.REJECTED),
                new OriginateScenario("failed", "Local/nobody@no-such-context", Duration.ofSeconds(15),
                        OriginateOutcome.FAILURE));
    }

    /** The AMI sessions watching the Originates: aftercare's account and mask first (it sends them). */
    public record Watcher(String name, boolean aftercareAccount, String eventMask) {
    }

    public static List<Watcher> watchers() {
        return List.of(new Watcher("events-call-agent", true, "call,agent"),
                new Watcher("events-on", false, "on"),
                new Watcher("events-off", false, "off"),
                new Watcher("events-system-dialplan", false, "system,dialplan"));
    }

    public static List<AgiScenario> agi() {
        return List.of(
                new AgiScenario("script-hangs-up", 30, concat(List.of(
                        AgiProbe.command("ANSWER"),
                        AgiProbe.command("CHANNEL STATUS"),
                        AgiProbe.command("GET VARIABLE SURVEY_ID"),
                        AgiProbe.command("HANGUP")), afterDeath()), b -> b),
                new AgiScenario("callee-hangs-up-while-script-waits", 2, concat(List.of(
                        AgiProbe.command("ANSWER"),
                        AgiProbe.idle(3000)), afterDeath()), b -> b.callerHangsUpAfter(1)),
                new AgiScenario("callee-hangs-up-during-stream-file", 2, concat(List.of(
                        AgiProbe.command("ANSWER"),
                        AgiProbe.command("STREAM FILE silence/10 \"\"")), afterDeath()),
                        b -> b.callerHangsUpDuring(2)),
                new AgiScenario("callee-hangs-up-during-get-data", 2, concat(List.of(
                        AgiProbe.command("ANSWER"),
                        AgiProbe.command("GET DATA silence/10 15000 1")), afterDeath()),
                        b -> b.callerHangsUpDuring(2)),
                new AgiScenario("callee-hangs-up-during-wait-for-digit", 2, concat(List.of(
                        AgiProbe.command("ANSWER"),
                        AgiProbe.command("WAIT FOR DIGIT 15000")), afterDeath()),
                        b -> b.callerHangsUpDuring(2)));
    }

    /** Every command the fakes know, sent once the channel is gone, then a wait for Asterisk to close. */
    private static List<AgiProbe.Step> afterDeath() {
        return List.of(
                AgiProbe.command("GET VARIABLE SURVEY_ID"),
                AgiProbe.command("SET VARIABLE AC_TEST 1"),
                AgiProbe.command("GET FULL VARIABLE ${SURVEY_ID}"),
                AgiProbe.command("VERBOSE \"after\" 1"),
                AgiProbe.command("NOOP"),
                AgiProbe.command("EXEC NoOp after"),
                AgiProbe.command("STREAM FILE beep \"\""),
                AgiProbe.command("GET DATA beep 1000 1"),
                AgiProbe.command("WAIT FOR DIGIT 1000"),
                AgiProbe.command("SAY NUMBER 1 \"\""),
                AgiProbe.command("SAY DIGITS 12 \"\""),
                AgiProbe.command("ANSWER"),
                AgiProbe.command("CHANNEL STATUS"),
                AgiProbe.command("SET CONTEXT default"),
                AgiProbe.command("SET EXTENSION s"),
                AgiProbe.command("SET PRIORITY 1"),
                AgiProbe.command("SET CALLERID 123"),
                AgiProbe.command("NOT A COMMAND"),
                AgiProbe.command("HANGUP"),
                AgiProbe.awaitClose(1000));
    }

    /**
     * Plays an Originate scenario from {@code originator} and waits, on {@code all} (a session that gets every
     * call event), for its OriginateResponse and the hangup of every channel it made, then {@code settle} more for
     * the trailing device states; returns the Originate's ActionID.
     */
    public static String originate(AmiProbe originator, AmiProbe all, OriginateScenario s, Duration settle) {
        AmiPacket queued = originator.send(AmiPacket.of("Action", "Originate", "Channel", s.channel(),
                "Context", CALLEE_CONTEXT, "Exten", ANSWERED_EXTEN, "Priority", "1", "CallerID", "\"Survey\" <1800>",
                "Timeout", Long.toString(s.timeout().toMillis()), "Async", "true"), Duration.ofSeconds(10));
        String id = queued.getOrEmpty("ActionID");
        all.await(e -> e.type().equals("OriginateResponse") && e.getOrEmpty("ActionID").equals(id),
                Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("no OriginateResponse for " + s));
        String prefix = s.channel() + "-";
        all.await(e -> {
            List<AmiPacket> events = all.events();
            long created = events.stream().filter(x -> x.type().equals("Newchannel")
                    && x.getOrEmpty("Channel").startsWith(prefix)).count();
            long gone = events.stream().filter(x -> x.type().equals("Hangup")
                    && x.getOrEmpty("Channel").startsWith(prefix)).count();
            return gone == created;
        }, Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("channels of " + s + " still up"));
        all.await(e -> false, settle);
        return id;
    }

    /**
     * Plays an AGI scenario on a {@link FakeAgiClient} against a probe and returns the exchange as the probe wrote
     * it (the fake writes the HANGUP line with the reply, so the probe needs no settling time).
     */
    public static List<String> playOnFake(AgiScenario s) {
        try (AgiProbe probe = AgiProbe.listen(Duration.ofMillis(20))) {
            CompletableFuture<FakeAgiClient.Result> call = new CompletableFuture<>();
            Thread.ofVirtual().name("fidelity-" + s.name()).start(() -> {
                try {
                    call.complete(s.client().run("127.0.0.1", probe.port()));
                } catch (IOException | RuntimeException e) {
                    call.completeExceptionally(e);
                }
            });
            AgiProbe.Session session = probe.play(s.steps(), Duration.ofSeconds(10));
            call.join();
            return session.exchange();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The captured exchange of each AGI scenario, in the order of {@link #agi()}. */
    public static List<List<String>> capturedAgi() {
        List<List<String>> sessions = new ArrayList<>();
        for (String section : Transcript.resource(CAPTURES + "/agi-dead-channel.txt").split("(?m)^# scenario: ")) {
            List<String> lines = section.lines().toList();
            int end = lines.indexOf("<"); // the environment ends with Asterisk's blank line
            if (end >= 0) {
                sessions.add(lines.subList(end + 1, lines.size()));
            }
        }
        return sessions;
    }

    /** An exchange without what differs from one run to the next: how far a prompt had played, how long we waited. */
    public static List<String> comparable(List<String> exchange) {
        return exchange.stream().map(l -> l.replaceAll("endpos=\\d+", "endpos=N")
                .replaceAll("^# still open after \\d+ ms$", "# still open")).toList();
    }

    /** The captured AMI session of a watcher. */
    public static Transcript.Ami capturedAmi(Watcher w) {
        return Transcript.parseAmi(Transcript.resource(CAPTURES + "/ami-originate-" + w.name() + ".txt"));
    }

    /**
     * The ActionID of each Originate scenario's action, live, on the fake and in the capture alike: the first
     * watcher's session logs in with {@code o1}, then sends the Originates in order.
     */
    public static String actionId(OriginateScenario s) {
        return "o" + (originates().indexOf(s) + 2);
    }

    /** The names of the events of a session that belong to no call: FullyBooted, SuccessfulAuth. */
    public static List<String> sessionEvents(List<AmiPacket> events) {
        return events.stream().filter(e -> e.getOrEmpty("Privilege").startsWith("system")
                || e.getOrEmpty("Privilege").startsWith("security")).map(AmiPacket::type).toList();
    }

    /** Logs every watcher in to a fresh fake as the capture did, then plays every Originate from the first. */
    public static Map<Watcher, List<AmiPacket>> originateOnFake() throws IOException {
        Map<Watcher, AmiProbe> sessions = new LinkedHashMap<>();
        try (FakeAmiServer server = FakeAmiServer.start()) {
            originates().forEach(s -> server.scriptOriginate(s.channel(), s.fake()));
            int i = 0;
            for (Watcher w : watchers()) {
                sessions.put(w, AmiProbe.login(server.port(), "hotline", "s3cret", w.eventMask(),
                        w.aftercareAccount() ? "o" : "w" + ++i + "-"));
            }
            AmiProbe originator = sessions.values().iterator().next();
            AmiProbe all = sessions.get(watchers().get(1));
            for (OriginateScenario s : originates()) {
                originate(originator, all, s, Duration.ofMillis(100));
            }
            Map<Watcher, List<AmiPacket>> events = new LinkedHashMap<>();
            sessions.forEach((w, probe) -> events.put(w, probe.events()));
            return events;
        } finally {
            sessions.values().forEach(AmiProbe::close);
        }
    }

    /**
     * Asserts that one watcher's session {@code got} the events {@code want} has: the same session events, and for
     * each Originate the same {@link CallTrace}. When {@code got} is the fake's, the rejected call's Reason is the
     * one known difference: Asterisk said 0 (finding: a callee hanging up before answering looks like a call that
     * could not be placed, which the survey dialer does not retry), the fake keeps 1 (which it retries as
     * "rejected").
     */
    public static void assertSameCalls(String watcher, List<AmiPacket> got, List<AmiPacket> want, boolean gotIsFake) {
        assertThat(sessionEvents(got)).as(watcher + ": FullyBooted, SuccessfulAuth").isEqualTo(sessionEvents(want));
        for (OriginateScenario s : originates()) {
            String id = actionId(s);
            List<AmiPacket> expected = want;
            if (gotIsFake && s.fake() == OriginateOutcome.REJECTED) {
                assertThat(CallTrace.of(want, s.channel(), id).toString()).as(watcher).doesNotContain("Reason=1");
                expected = want.stream().map(e -> e.type().equals("OriginateResponse")
                        && e.getOrEmpty("ActionID").equals(id) ? withHeader(e, "Reason", "1") : e).toList();
            }
            assertThat(CallTrace.of(got, s.channel(), id).toString()).as(watcher + " " + s.name())
                    .isEqualTo(CallTrace.of(expected, s.channel(), id).toString());
        }
    }

    private static AmiPacket withHeader(AmiPacket e, String name, String value) {
        List<AmiHeader> h = new ArrayList<>(e.headers());
        h.replaceAll(x -> x.name().equals(name) ? new AmiHeader(name, value) : x);
        return new AmiPacket(h);
    }

    private static List<AgiProbe.Step> concat(List<AgiProbe.Step> a, List<AgiProbe.Step> b) {
        List<AgiProbe.Step> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
