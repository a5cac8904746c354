package io.aftercare.reports;

import io.aftercare.metrics.AgentFigures;
import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.surveys.SurveyResults;
import java.time.Instant;

/**
 * One agent (member interface) in one bucket: handled calls and AHT split, FCR of the calls the agent handled,
 * occupancy from the state log, and the survey answers about the agent received in it. {@code localStart} is the
 * bucket's start in the requested zone ({@link ReportRequest.Bucket#localStart}). Immutable.
 */
public record AgentReportRow(Instant start, Instant end, String localStart, String pbxId, String agent, AgentFigures handling,
                             FirstContactResolution.Figures fcr, Double occupancy, SurveyResults.Row survey) {}
