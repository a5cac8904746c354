package io.aftercare.reports;

import io.aftercare.surveys.SurveyResults.AnswerCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Survey results from counted answers ({@link io.aftercare.surveys.SurveyResults#answerCounts}): per group (queue or
 * agent) CSAT, NPS and resolved rate with how many answered each question and how often each answer was given, or
 * per question and answer value. CSAT is the share of 4 and 5, NPS the % of 9-10 minus the % of 0-6 (a score from
 * -100 to 100), the resolved rate the share of "yes"; each null when nobody answered that question, as the
 * wallboard's. Stateless and thread-safe.
 */
public final class SurveyReport {
    private SurveyReport() {}

    /** The answer values of each question, in order: CSAT 1-5, NPS 0-10, resolved yes/no. */
    static final Map<String, List<String>> ANSWERS = Map.of(
            "csat", List.of("1", "2", "3", "4", "5"),
            "nps", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
            "resolved", List.of("yes", "no"));
    static final List<String> QUESTIONS = List.of("csat", "nps", "resolved");

    /**
     * One group's results: {@code surveys} answered (opt-outs left out), {@code csatAnswers} etc. how many answered
     * that question, {@code counts} how many gave each answer (question, then answer value, zeros included).
     */
    public record GroupRow(String group, long surveys, Double csat, long csatAnswers, Double nps, long npsAnswers,
                           Double resolvedRate, long resolvedAnswers, Map<String, Map<String, Long>> counts) {}

    /** How many gave {@code answer} to {@code question}, and their share (0-1) of that question's answers. */
    public record AnswerRow(String question, String answer, long count, Double share) {}

    public static List<GroupRow> byGroup(List<AnswerCount> answers) {
        Map<String, List<AnswerCount>> groups = new TreeMap<>();
        answers.forEach(a -> groups.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a));
        List<GroupRow> out = new ArrayList<>();
        groups.forEach((group, list) -> {
            Map<String, Map<String, Long>> counts = counts(list);
            long surveys = list.stream().mapToLong(AnswerCount::count).sum();
            Map<String, Long> csat = counts.get("csat");
            Map<String, Long> nps = counts.get("nps");
            Map<String, Long> resolved = counts.get("resolved");
            long csatN = sum(csat);
            long npsN = sum(nps);
            long resolvedN = sum(resolved);
            long promoters = nps.get("9") + nps.get("10");
            long detractors = 0;
            for (int i = 0; i <= 6; i++) {
                detractors += nps.get(String.valueOf(i));
            }
            out.add(new GroupRow(group, surveys, ratio(csat.get("4") + csat.get("5"), csatN), csatN,
                    npsN == 0 ? null : 100.0 * promoters / npsN - 100.0 * detractors / npsN, npsN,
                    ratio(resolved.get("yes"), resolvedN), resolvedN, counts));
        });
        return out;
    }

    public static List<AnswerRow> byAnswer(List<AnswerCount> answers) {
        Map<String, Map<String, Long>> counts = counts(answers);
        List<AnswerRow> out = new ArrayList<>();
        for (String q : QUESTIONS) {
            long n = sum(counts.get(q));
            counts.get(q).forEach((answer, count) -> out.add(new AnswerRow(q, answer, count, ratio(count, n))));
        }
        return out;
    }

    private static Map<String, Map<String, Long>> counts(List<AnswerCount> answers) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String q : QUESTIONS) {
            Map<String, Long> values = new LinkedHashMap<>();
            ANSWERS.get(q).forEach(v -> values.put(v, 0L));
            counts.put(q, values);
        }
        for (AnswerCount a : answers) {
            if (a.csat() != null) {
                counts.get("csat").merge(String.valueOf(a.csat()), a.count(), Long::sum);
            }
            if (a.nps() != null) {
                counts.get("nps").merge(String.valueOf(a.nps()), a.count(), Long::sum);
            }
            if (a.resolved() != null) {
                counts.get("resolved").merge(a.resolved() ? "yes" : "no", a.count(), Long::sum);
            }
        }
        return counts;
    }

    private static long sum(Map<String, Long> values) {
        return values.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
