package io.aftercare.wallboard;

import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.QueueFigures;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One queue's (or all queues', for the floor) figures for today, the calls first offered since midnight in
 * {@code zone}: call figures, FCR of those calls judged now (mostly pending), the survey answers received today
 * and the offered/answered trend. Immutable.
 */
public record QueueToday(LocalDate day, ZoneId zone, QueueFigures calls, FirstContactResolution.Figures fcr,
                         SurveyWindow survey, Trend trend) {}
