package io.aftercare.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aftercare.fake.SurveyCallee.Kind;
import io.aftercare.fake.SurveyCallee.Reply;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SurveyCalleeTest {
    private static final OriginatePolicy.Call CALL = OriginatePolicy.Call.of(AmiPacket.of("Action", "Originate",
            "ActionID", "survey-42-1", "Channel", "PJSIP/447700900123@trunk", "Context", "aftercare-survey",
            "Exten", "s", "Timeout", "30000", "Async", "true", "Variable", "SURVEY_ID=42,OTHER=x"));

    private static SurveyCallee callee(long seed) {
        return new SurveyCallee("127.0.0.1", 4573, seed, SurveyCallee.Mix.typical(), Duration.ofSeconds(2),
                Duration.ofSeconds(8));
    }

    @Test
    void sameSeedGivesTheSameCalleesAndMostAnswerTheQuestions() {
        List<Reply> first = IntStream.range(0, 1000).mapToObj(i -> callee(7).replyFor(CALL)).toList();
        SurveyCallee a = callee(7);
        SurveyCallee b = callee(7);
        List<Reply> fromA = IntStream.range(0, 1000).mapToObj(i -> a.replyFor(CALL)).toList();
        assertEquals(fromA, IntStream.range(0, 1000).mapToObj(i -> b.replyFor(CALL)).toList());
        assertEquals(1000, first.size());
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        fromA.forEach(r -> kinds.merge(r.kind(), 1, Integer::sum));
        assertEquals(4, kinds.size(), kinds.toString());
        assertTrue(kinds.get(Kind.ANSWERS) > 500, kinds.toString());
        assertTrue(kinds.get(Kind.OPTS_OUT) < kinds.get(Kind.BUSY), kinds.toString());
        assertTrue(fromA.stream().filter(r -> r.kind() == Kind.ANSWERS)
                .allMatch(r -> r.csat() >= 1 && r.csat() <= 5 && r.nps() >= 0 && r.nps() <= 10));
    }

    @Test
    void originateHeadersAreReadAsAsteriskDoesAndNoAnswerRingsTheWholeTimeout() {
        assertEquals(Map.of("SURVEY_ID", "42", "OTHER", "x"), CALL.variables());
        assertEquals(Duration.ofSeconds(30), CALL.timeout());
        SurveyCallee callee = callee(1);
        callee.answerAs(CALL.channel(), Reply.of(Kind.NO_ANSWER));
        OriginatePolicy.Ring ring = callee.decide(CALL);
        assertEquals(OriginateOutcome.NO_ANSWER, ring.outcome());
        assertEquals(Duration.ofSeconds(8), ring.after());
        callee.answerAs(CALL.channel(), Reply.of(Kind.BUSY));
        OriginatePolicy.Ring busy = callee.decide(CALL);
        assertEquals(OriginateOutcome.BUSY, busy.outcome());
        assertTrue(busy.after().compareTo(Duration.ofSeconds(2)) >= 0 && busy.after().compareTo(Duration.ofSeconds(8)) <= 0);
    }

    @Test
    void answersBecomeKeypadDigitsAsTheSurveyScriptReadsThem() {
        assertEquals(List.of("4", "7#"), Reply.answers(4, 7, false).dataKeys());
        assertEquals(List.of("2"), Reply.answers(4, 7, false).digitKeys());
        assertEquals(List.of("5", "10"), Reply.answers(5, 10, true).dataKeys());
        assertEquals(List.of("9"), Reply.of(Kind.OPTS_OUT).dataKeys());
        assertEquals(List.of(), Reply.of(Kind.BUSY).dataKeys());
    }
}
