package io.aftercare.fake;

import io.aftercare.agi.DialplanVariables;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customers taking survey calls, for the demo PBX: a seeded random policy decides per Originate whether the
 * callee is busy, does not answer, answers and presses 9, or answers the questions; an answered call then plays
 * the {@code survey?id=N&attempt=A} FastAGI session against aftercare (the {@code SURVEY_ID} and
 * {@code SURVEY_ATTEMPT} channel variables of the Originate, as the dialplan passes them) with keypad answers.
 * Thread-safe.
 */
public final class SurveyCallee implements OriginatePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyCallee.class);

    /** What one callee does. csat, nps and resolved are only set for {@link Kind#ANSWERS}. */
    public record Reply(Kind kind, Integer csat, Integer nps, Boolean resolved) {
        public Reply {
            Objects.requireNonNull(kind);
        }

        public static Reply of(Kind kind) {
            return new Reply(kind, null, null, null);
        }

        public static Reply answers(int csat, int nps, boolean resolved) {
            return new Reply(Kind.ANSWERS, csat, nps, resolved);
        }

        /** The keys for GET DATA (CSAT, then NPS ended by # unless two digits) and WAIT FOR DIGIT (resolved). */
        List<String> dataKeys() {
            return switch (kind) {
                case OPTS_OUT -> List.of("9");
                case ANSWERS -> List.of(Integer.toString(csat), nps == 10 ? "10" : nps + "#");
                default -> List.of();
            };
        }

        List<String> digitKeys() {
            return kind == Kind.ANSWERS ? List.of(resolved ? "1" : "2") : List.of();
        }
    }

    public enum Kind {
        BUSY, NO_ANSWER, OPTS_OUT, ANSWERS
    }

    /** Shares of busy, no-answer and opt-out callees in percent; the rest answer the questions. */
    public record Mix(int busyPercent, int noAnswerPercent, int optOutPercent) {
        public Mix {
            if (busyPercent < 0 || noAnswerPercent < 0 || optOutPercent < 0
                    || busyPercent + noAnswerPercent + optOutPercent > 100) {
                throw new IllegalArgumentException("shares must be >= 0 and add up to at most 100");
            }
        }

        /** Roughly what outbound survey campaigns see: most who pick up answer. */
        public static Mix typical() {
            return new Mix(15, 20, 8);
        }
    }

    private final String agiHost;
    private final int agiPort;
    private final Random random;
    private final Mix mix;
    private final Duration minRing;
    private final Duration maxRing;
    private final Map<String, Reply> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger failedSessions = new AtomicInteger();

    /**
     * @param minRing shortest ring before an answer or busy; a callee who does not answer rings
     *                {@code maxRing} (at most the Originate's Timeout)
     */
    public SurveyCallee(String agiHost, int agiPort, long seed, Mix mix, Duration minRing, Duration maxRing) {
        if (minRing.isNegative() || maxRing.compareTo(minRing) < 0) {
            throw new IllegalArgumentException("need 0 <= minRing <= maxRing");
        }
        this.agiHost = Objects.requireNonNull(agiHost);
        this.agiPort = agiPort;
        this.random = new Random(seed);
        this.mix = Objects.requireNonNull(mix);
        this.minRing = minRing;
        this.maxRing = maxRing;
    }

    /** The callee on {@code channel} (as the Originate names it) does this, instead of a random reply. */
    public void answerAs(String channel, Reply reply) {
        scripted.put(Objects.requireNonNull(channel), Objects.requireNonNull(reply));
    }

    /** FastAGI survey sessions played to their end, and those that failed to connect or broke off. */
    public int sessions() {
        return sessions.get();
    }

    public int failedSessions() {
        return failedSessions.get();
    }

    @Override
    public Ring decide(Call call) {
        Reply reply = replyFor(call);
        Duration ring;
        synchronized (random) {
            long span = maxRing.toMillis() - minRing.toMillis();
            ring = minRing.plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * span));
        }
        return switch (reply.kind()) {
            case BUSY -> new Ring(OriginateOutcome.BUSY, ring, a -> { });
            case NO_ANSWER -> new Ring(OriginateOutcome.NO_ANSWER, min(maxRing, call.timeout()), a -> { });
            case OPTS_OUT, ANSWERS -> {
                Reply r = reply;
                yield new Ring(OriginateOutcome.ANSWERED, ring, a -> survey(call, a, r));
            }
        };
    }

    /** The scripted reply for the call's channel, else the next random one. */
    Reply replyFor(Call call) {
        Reply reply = scripted.get(call.channel());
        if (reply != null) {
            return reply;
        }
        synchronized (random) {
            return randomReply();
        }
    }

    /** Weighted like real answers: mostly satisfied, a tail of detractors. Caller holds the lock. */
    private Reply randomReply() {
        int roll = random.nextInt(100);
        if (roll < mix.busyPercent()) {
            return Reply.of(Kind.BUSY);
        }
        roll -= mix.busyPercent();
        if (roll < mix.noAnswerPercent()) {
            return Reply.of(Kind.NO_ANSWER);
        }
        roll -= mix.noAnswerPercent();
        if (roll < mix.optOutPercent()) {
            return Reply.of(Kind.OPTS_OUT);
        }
        int csat = pick(new int[] {8, 10, 12, 30, 40}) + 1;
        int nps = pick(new int[] {2, 2, 2, 2, 3, 4, 6, 10, 15, 24, 30});
        return Reply.answers(csat, nps, random.nextInt(100) < 80);
    }

    private int pick(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /**
     * What Asterisk does after the answer: the survey context runs
     * AGI(agi://host/survey?id=${SURVEY_ID}&attempt=${SURVEY_ATTEMPT}).
     */
    private void survey(Call call, Answered answered, Reply reply) {
        String id = call.variables().get(DialplanVariables.SURVEY_ID);
        if (id == null || !id.matches("[0-9]{1,18}")) {
            LOG.warn("answered survey call {} carries no SURVEY_ID variable", call.actionId());
            failedSessions.incrementAndGet();
            return;
        }
        String attempt = call.variables().getOrDefault(DialplanVariables.SURVEY_ATTEMPT, "");
        List<String> data = new ArrayList<>(reply.dataKeys());
        FakeAgiClient client = FakeAgiClient.builder()
                .script("survey?id=" + id + "&attempt=" + attempt)
                .channel(answered.channel())
                .uniqueId(answered.uniqueId())
                .callerId(digitsOf(call.channel()))
                .callerIdName("")
                .context(call.context())
                .extension(call.exten())
                .getDataReplies(data.toArray(String[]::new))
                .waitForDigitReplies(reply.digitKeys().toArray(String[]::new))
                .readTimeout(Duration.ofSeconds(10))
                .build();
        try {
            client.run(agiHost, agiPort);
            sessions.incrementAndGet();
        } catch (IOException e) {
            failedSessions.incrementAndGet();
            LOG.warn("survey {} FastAGI session failed: {}", id, e.toString());
        }
    }

    /** The dialled number in a channel such as {@code PJSIP/447700900123@trunk}. */
    private static String digitsOf(String channel) {
        int slash = channel.indexOf('/');
        int at = channel.indexOf('@');
        return channel.substring(slash + 1, at > slash ? at : channel.length());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
