package io.aftercare.wallboard;

import java.time.Instant;

/**
 * Survey results for the answers received in [{@code from}, {@code to}): {@code answers} surveys answered, CSAT
 * (share of 4 and 5) and resolved rate as ratios 0-1, NPS as a score from -100 to 100; each null when nobody
 * answered that question. Immutable.
 */
public record SurveyWindow(Instant from, Instant to, long answers, Double csat, Double nps, Double resolvedRate) {
    public static SurveyWindow of(Instant from, Instant to, SurveyCounts c) {
        Double nps = c.npsAnswers() == 0 ? null : 100.0 * (c.promoters() - c.detractors()) / c.npsAnswers();
        return new SurveyWindow(from, to, c.answers(), ratio(c.csatGood(), c.csatAnswers()), nps,
                ratio(c.resolvedYes(), c.resolvedAnswers()));
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
