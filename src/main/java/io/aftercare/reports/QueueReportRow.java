package io.aftercare.reports;

import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.QueueFigures;
import io.aftercare.surveys.SurveyResults;
import java.time.Instant;

/**
 * One queue in one bucket: call figures of the calls first offered in it, their FCR, the survey answers received
 * in it (null when none), and the occupancy of the agents logged in to the queue. {@code localStart} is the bucket's
 * start in the requested zone ({@link ReportRequest.Bucket#localStart}). Immutable.
 */
public record QueueReportRow(Instant start, Instant end, String localStart, String queue, QueueFigures calls,
                             FirstContactResolution.Figures fcr, SurveyResults.Row survey, Double occupancy) {}
