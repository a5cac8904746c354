package io.aftercare.surveys;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Survey answers counted per question and answer value (opt-outs left out by the query), and the figures they give
 * (doc/metrics.md): CSAT the share of 4 and 5 (0-1), NPS the % of 9-10 minus the % of 0-6 (a score from -100 to
 * 100), the resolved rate the share of "yes" (0-1); each null when nobody answered that question. A pure function
 * of the counts, so groups add up exactly. Immutable and thread-safe.
 *
 * @param surveys surveys answered (a survey may skip questions)
 * @param counts question ({@link #QUESTIONS}) to answer value ({@link #ANSWERS}) to surveys, zeros included
 */
public record SurveyTally(long surveys, Map<String, Map<String, Long>> counts) {
    public static final List<String> QUESTIONS = List.of("csat", "nps", "resolved");
    /** The answer values of each question, in order: CSAT 1-5, NPS 0-10, resolved yes/no. */
    public static final Map<String, List<String>> ANSWERS = Map.of(
            "csat", List.of("1", "2", "3", "4", "5"),
            "nps", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
            "resolved", List.of("yes", "no"));

    public SurveyTally {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        counts.forEach((q, values) -> copy.put(q, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        counts = java.util.Collections.unmodifiableMap(copy);
    }

    /** All the answers together. */
    public static SurveyTally of(Collection<SurveyResults.AnswerCount> answers) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String q : QUESTIONS) {
            Map<String, Long> values = new LinkedHashMap<>();
            ANSWERS.get(q).forEach(v -> values.put(v, 0L));
            counts.put(q, values);
        }
        long surveys = 0;
        for (SurveyResults.AnswerCount a : answers) {
            surveys += a.count();
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
        return new SurveyTally(surveys, counts);
    }

    /** Per group, in the groups' order. */
    public static Map<String, SurveyTally> byGroup(Collection<SurveyResults.AnswerCount> answers) {
        Map<String, List<SurveyResults.AnswerCount>> groups = new TreeMap<>();
        answers.forEach(a -> groups.computeIfAbsent(a.group(), g -> new java.util.ArrayList<>()).add(a));
        Map<String, SurveyTally> out = new LinkedHashMap<>();
        groups.forEach((g, list) -> out.put(g, of(list)));
        return out;
    }

    /** How many answered {@code question}. */
    public long answers(String question) {
        return counts.get(question).values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(String question, String answer) {
        return counts.get(question).get(answer);
    }

    public Double csat() {
        return ratio(count("csat", "4") + count("csat", "5"), answers("csat"));
    }

    public Double nps() {
        long n = answers("nps");
        long promoters = count("nps", "9") + count("nps", "10");
        long detractors = 0;
        for (int i = 0; i <= 6; i++) {
            detractors += count("nps", String.valueOf(i));
        }
        return n == 0 ? null : 100.0 * promoters / n - 100.0 * detractors / n;
    }

    public Double resolvedRate() {
        return ratio(count("resolved", "yes"), answers("resolved"));
    }

    public static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
