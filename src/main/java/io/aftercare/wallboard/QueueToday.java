package io.aftercare.wallboard;

import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.QueueFigures;
import io.aftercare.surveys.SurveyResults;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One queue's figures for today (the calls first offered since midnight in {@code zone}): call figures, FCR and
 * the survey answers received today (null when none). Immutable.
 */
public record QueueToday(LocalDate day, ZoneId zone, QueueFigures calls, FirstContactResolution.Figures fcr,
                         SurveyResults.Row survey) {}
