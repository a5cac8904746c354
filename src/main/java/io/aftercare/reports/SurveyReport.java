package io.aftercare.reports;

import io.aftercare.surveys.SurveyResults.AnswerCount;
import io.aftercare.surveys.SurveyTally;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Survey report rows from counted answers ({@link io.aftercare.surveys.SurveyResults#answerCounts}): per group (queue
 * or agent) CSAT, NPS and resolved rate ({@link SurveyTally}) with how many answered each question and how often
 * each answer was given, or per question and answer value. Stateless and thread-safe.
 */
public final class SurveyReport {
    private SurveyReport() {}

    /**
     * One group's results: {@code surveys} answered (opt-outs left out), {@code csatAnswers} etc. how many answered
     * that question, {@code counts} how many gave each answer (question, then answer value, zeros included).
     */
    public record GroupRow(String group, long surveys, Double csat, long csatAnswers, Double nps, long npsAnswers,
                           Double resolvedRate, long resolvedAnswers, Map<String, Map<String, Long>> counts) {}

    /** How many gave {@code answer} to {@code question}, and their share (0-1) of that question's answers. */
    public record AnswerRow(String question, String answer, long count, Double share) {}

    public static List<GroupRow> byGroup(List<AnswerCount> answers) {
        List<GroupRow> out = new ArrayList<>();
        SurveyTally.byGroup(answers).forEach((group, t) -> out.add(new GroupRow(group, t.surveys(), t.csat(),
                t.answers("csat"), t.nps(), t.answers("nps"), t.resolvedRate(), t.answers("resolved"), t.counts())));
        return out;
    }

    public static List<AnswerRow> byAnswer(List<AnswerCount> answers) {
        SurveyTally all = SurveyTally.of(answers);
        List<AnswerRow> out = new ArrayList<>();
        for (String q : SurveyTally.QUESTIONS) {
            long n = all.answers(q);
            all.counts().get(q).forEach((answer, count) -> out.add(new AnswerRow(q, answer, count,
                    SurveyTally.ratio(count, n))));
        }
        return out;
    }
}
