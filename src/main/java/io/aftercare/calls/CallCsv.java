package io.aftercare.calls;

import io.aftercare.web.Csv;
import java.util.Arrays;
import java.util.List;

/**
 * Calls as CSV ({@link Csv}: RFC 4180, formula-safe), one row per call under a header of the JSON names of
 * {@link CallSummary} (nested ones dotted: {@code disposition.reasonCode}). Stateless.
 */
final class CallCsv {
    static final List<String> HEADER = List.of("id", "pbxId", "linkedId", "kind", "direction", "startedAt",
            "answeredAt", "endedAt", "queue", "agent", "agentLogin", "callerNumber", "callerName", "customerId",
            "caseId", "outcome", "waitSeconds", "talkSeconds", "holdSeconds", "wrapupSeconds",
            "disposition.reasonCode", "disposition.resolved", "survey.jobId", "survey.csat", "survey.nps",
            "survey.resolved");

    private CallCsv() {}

    static String header() {
        return Csv.line(new StringBuilder(), HEADER).toString();
    }

    static String rows(List<CallSummary> calls) {
        StringBuilder out = new StringBuilder();
        for (CallSummary c : calls) {
            var d = c.disposition();
            var s = c.survey();
            Csv.line(out, Arrays.asList(c.id(), c.pbxId(), c.linkedId(), c.kind().code(), c.direction(),
                    c.startedAt(), c.answeredAt(), c.endedAt(), c.queue(), c.agent(), c.agentLogin(),
                    c.callerNumber(), c.callerName(), c.customerId(), c.caseId(), c.outcome().code(), c.waitSeconds(),
                    c.talkSeconds(), c.holdSeconds(), c.wrapupSeconds(), d == null ? null : d.reasonCode(),
                    d == null ? null : d.resolved(), s == null ? null : s.jobId(), s == null ? null : s.csat(),
                    s == null ? null : s.nps(), s == null ? null : s.resolved()));
        }
        return out.toString();
    }
}
