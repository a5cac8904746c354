package io.aftercare.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aftercare.surveys.SurveyResults.AnswerCount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSAT, NPS and resolved rate from counted answers, skipped questions and empty groups included. */
class SurveyTallyTest {
    @Test
    void figuresCountOnlyTheAnswersGivenToEachQuestion() {
        SurveyTally t = SurveyTally.of(List.of(new AnswerCount("vip", 5, 10, true, 2),
                new AnswerCount("vip", 2, 3, false, 1), new AnswerCount("vip", null, 8, null, 1)));
        assertThat(t.surveys()).isEqualTo(4);
        assertThat(t.answers("csat")).isEqualTo(3);
        assertThat(t.csat()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(t.nps()).isCloseTo(25.0, within(1e-12)); // 2 promoters, 1 passive, 1 detractor of 4
        assertThat(t.resolvedRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(t.counts().get("nps")).hasSize(11).containsEntry("10", 2L).containsEntry("0", 0L);
    }

    @Test
    void noAnswersGiveNoFigures() {
        SurveyTally none = SurveyTally.of(List.of(new AnswerCount("", null, null, null, 3)));
        assertThat(none.surveys()).isEqualTo(3);
        assertThat(none.csat()).isNull();
        assertThat(none.nps()).isNull();
        assertThat(none.resolvedRate()).isNull();
        assertThat(SurveyTally.byGroup(List.of(new AnswerCount("b", 5, null, null, 1),
                new AnswerCount("", 1, null, null, 1))).keySet()).containsExactly("", "b");
    }
}
