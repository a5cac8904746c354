package io.aftercare.reports;

import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.QueueFigures;
import io.aftercare.surveys.SurveyResults;
import io.aftercare.surveys.SurveyTally;
import io.aftercare.web.Csv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Report rows as CSV ({@link Csv}: RFC 4180, formula-safe; header row first; times in seconds with millisecond
 * decimals, ratios 0-1, empty for none; {@code local_start} last, so columns keep their places). Stateless.
 */
public final class ReportCsv {
    private ReportCsv() {}

    private static final List<String> QUEUE = List.of("start", "end", "queue", "offered", "answered", "abandoned",
            "short_abandoned", "timed_out", "lost_track", "answered_within_threshold", "service_level_answered",
            "service_level_offered", "abandon_rate", "asa_seconds", "handled", "aht_seconds", "talk_seconds",
            "hold_seconds", "wrapup_seconds", "fcr", "fcr_resolved", "fcr_repeated", "fcr_pending", "surveys",
            "csat", "nps", "survey_resolved_rate", "occupancy", "local_start");
    private static final List<String> AGENT = List.of("start", "end", "pbx_id", "agent", "handled", "aht_seconds",
            "talk_seconds", "hold_seconds", "wrapup_seconds", "fcr", "fcr_resolved", "fcr_repeated", "fcr_pending",
            "occupancy", "surveys", "csat", "nps", "survey_resolved_rate", "local_start");

    public static String queues(List<QueueReportRow> rows) {
        StringBuilder out = line(new StringBuilder(), QUEUE.toArray());
        for (QueueReportRow r : rows) {
            QueueFigures f = r.calls();
            List<Object> cells = new ArrayList<>(Arrays.asList(r.start(), r.end(), r.queue(), f.offered(),
                    f.answered(), f.abandoned(), f.shortAbandoned(), f.timedOut(), f.lostTrack(),
                    f.answeredWithinThreshold(), f.serviceLevelAnswered(), f.serviceLevelOffered(), f.abandonRate(),
                    sec(f.asaMillis()), f.handled(), sec(f.ahtMillis()), sec(f.talkMillis()), sec(f.holdMillis()),
                    sec(f.wrapupMillis())));
            cells.addAll(fcr(r.fcr()));
            cells.addAll(survey(r.survey()));
            cells.add(r.occupancy());
            cells.add(r.localStart());
            line(out, cells.toArray());
        }
        return out.toString();
    }

    public static String agents(List<AgentReportRow> rows) {
        StringBuilder out = line(new StringBuilder(), AGENT.toArray());
        for (AgentReportRow r : rows) {
            var h = r.handling();
            List<Object> cells = new ArrayList<>(Arrays.asList(r.start(), r.end(), r.pbxId(), r.agent(), h.handled(),
                    sec(h.ahtMillis()), sec(h.talkMillis()), sec(h.holdMillis()), sec(h.wrapupMillis())));
            cells.addAll(fcr(r.fcr()));
            cells.add(r.occupancy());
            cells.addAll(survey(r.survey()));
            cells.add(r.localStart());
            line(out, cells.toArray());
        }
        return out.toString();
    }

    /** One line per group: figures, answers per question, then the count of each answer value. */
    public static String surveyGroups(List<SurveyReport.GroupRow> rows) {
        List<Object> header = new ArrayList<>(List.of("group", "surveys", "csat", "csat_answers", "nps",
                "nps_answers", "resolved_rate", "resolved_answers"));
        SurveyTally.QUESTIONS.forEach(q -> SurveyTally.ANSWERS.get(q).forEach(v -> header.add(q + "_" + v)));
        StringBuilder out = line(new StringBuilder(), header.toArray());
        for (SurveyReport.GroupRow r : rows) {
            List<Object> cells = new ArrayList<>(Arrays.asList(r.group(), r.surveys(), r.csat(), r.csatAnswers(),
                    r.nps(), r.npsAnswers(), r.resolvedRate(), r.resolvedAnswers()));
            SurveyTally.QUESTIONS.forEach(q -> cells.addAll(r.counts().get(q).values()));
            line(out, cells.toArray());
        }
        return out.toString();
    }

    public static String surveyAnswers(List<SurveyReport.AnswerRow> rows) {
        StringBuilder out = line(new StringBuilder(), new Object[] {"question", "answer", "count", "share"});
        rows.forEach(r -> line(out, new Object[] {r.question(), r.answer(), r.count(), r.share()}));
        return out.toString();
    }

    private static List<Object> fcr(FirstContactResolution.Figures f) {
        return Arrays.asList(f.rate(), f.resolved(), f.repeated(), f.pending());
    }

    private static List<Object> survey(SurveyResults.Row s) {
        return s == null ? Arrays.asList(0, null, null, null)
                : Arrays.asList(s.surveys(), s.csat(), s.nps(), s.resolvedRate());
    }

    private static String sec(Long millis) {
        return millis == null ? null : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static StringBuilder line(StringBuilder out, Object[] cells) {
        return Csv.line(out, Arrays.asList(cells));
    }
}
