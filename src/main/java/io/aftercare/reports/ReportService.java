package io.aftercare.reports;

import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.MetricsLoader;
import io.aftercare.surveys.SurveyResults;
import io.aftercare.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Historical queue, agent and survey reports: checks the queues and agents asked for, loads the stored records of the
 * interval (plus the FCR window after it) and hands them to {@link ReportCalculator}. Blocking JDBC: call on a
 * worker. Thread-safe.
 */
public final class ReportService {
    private final Jdbi jdbi;
    private final MetricsLoader loader;
    private final SurveyResults surveys;
    private final String defaultPbx;
    private final Clock clock;
    private final Duration window = FirstContactResolution.DEFAULT_WINDOW;

    /** @param surveys survey results, or null where surveys are not wired */
    public ReportService(Jdbi jdbi, SurveyResults surveys, String defaultPbx, Clock clock) {
        this.jdbi = jdbi;
        this.loader = new MetricsLoader(jdbi);
        this.surveys = surveys;
        this.defaultPbx = defaultPbx;
        this.clock = clock;
    }

    public List<QueueReportRow> queues(ReportRequest r) {
        List<String> known = knownQueues(r.only());
        return ReportCalculator.queues(r, r.only().isEmpty() ? known : r.only(), inputs(r, "queue"));
    }

    /** Agents are named by login or member interface. */
    public List<AgentReportRow> agents(ReportRequest r) {
        List<String> keys = interfaces(r.only()).stream().map(iface -> defaultPbx + '/' + iface).toList();
        return ReportCalculator.agents(r, keys, inputs(r, "agent"));
    }

    /**
     * Survey answers received in [from, to) about these queues and agents (login or member interface; empty: all),
     * per {@code group} (queue or agent; null: all together).
     */
    public List<SurveyResults.AnswerCount> surveys(ReportRequest r, String group, List<String> queues,
                                                   List<String> agents) {
        knownQueues(queues);
        List<String> interfaces = interfaces(agents);
        return surveys == null ? List.of() : surveys.answerCounts(r.from(), r.to(), group, queues, interfaces);
    }

    /** Every queue's name; refuses a name in {@code asked} that is none of them. */
    private List<String> knownQueues(List<String> asked) {
        List<String> known = jdbi.withHandle(h -> h.createQuery("SELECT name FROM queues ORDER BY name")
                .mapTo(String.class).list());
        for (String q : asked) {
            if (!known.contains(q)) {
                throw ApiException.unprocessable("unknown queue '" + q + "'");
            }
        }
        return known;
    }

    private List<String> interfaces(List<String> agents) {
        List<String> out = new ArrayList<>();
        for (String a : agents) {
            out.add(jdbi.withHandle(h -> h.createQuery("SELECT interface FROM agents WHERE login = :a OR interface = :a")
                    .bind("a", a).mapTo(String.class).findFirst())
                    .orElseThrow(() -> ApiException.unprocessable("unknown agent '" + a + "'")));
        }
        return out;
    }

    private ReportCalculator.Inputs inputs(ReportRequest r, String surveyGroup) {
        Instant now = clock.instant();
        List<CallFacts> calls = loader.callsWithFollowUps(r.from(), r.to(), window);
        Map<ReportRequest.Bucket, Map<String, SurveyResults.Row>> byBucket = new HashMap<>();
        if (surveys != null) {
            for (ReportRequest.Bucket b : r.buckets()) {
                Map<String, SurveyResults.Row> rows = new HashMap<>();
                surveys.results(b.start(), b.end(), surveyGroup).forEach(row -> rows.put(row.group(), row));
                byBucket.put(b, rows);
            }
        }
        return new ReportCalculator.Inputs(calls, loader.agentStates(r.from(), r.to()), loader.rules(), byBucket,
                window, now);
    }
}
