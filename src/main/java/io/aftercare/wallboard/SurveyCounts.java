package io.aftercare.wallboard;

/**
 * Survey answers counted per question (opted-out answers excluded), so groups add up exactly: a floor-wide figure
 * is the sum of the queues' counts, never a mean of their rates. Immutable.
 */
public record SurveyCounts(long answers, long csatAnswers, long csatGood, long npsAnswers, long promoters,
                           long detractors, long resolvedAnswers, long resolvedYes) {
    public static final SurveyCounts NONE = new SurveyCounts(0, 0, 0, 0, 0, 0, 0, 0);

    public SurveyCounts plus(SurveyCounts o) {
        return new SurveyCounts(answers + o.answers, csatAnswers + o.csatAnswers, csatGood + o.csatGood,
                npsAnswers + o.npsAnswers, promoters + o.promoters, detractors + o.detractors,
                resolvedAnswers + o.resolvedAnswers, resolvedYes + o.resolvedYes);
    }
}
