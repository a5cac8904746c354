package io.aftercare.surveys;

import io.aftercare.ami.AmiConnector;
import io.aftercare.config.AftercareConfig;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the survey feature: the scheduler (fed by dispositions and after-sales events), the results store, the
 * `survey` FastAGI script and, when enabled and a PBX is attached, the dialer ticking on its own thread.
 * Thread-safe once built.
 */
public final class SurveysModule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SurveysModule.class);

    private final SurveyScheduler scheduler;
    private final SurveyResults results;
    private final SurveyAgiScript script;
    private final ScheduledExecutorService thread;

    /** @param attempted told each dial attempt's outcome, on the dialer's thread (the metrics count them) */
    public SurveysModule(AftercareConfig config, Jdbi jdbi, PhoneNumbers phones, Optional<AmiConnector> ami,
                         Clock clock, Consumer<SurveyDialer.Outcome> attempted) {
        AftercareConfig.Surveys surveys = config.surveys();
        SurveyJobDao dao = new SurveyJobDao(jdbi);
        SurveyCallees callees = new SurveyCallees(phones);
        CallingWindow window = SurveyCallees.window(surveys);
        this.scheduler = new SurveyScheduler(dao, callees, window, surveys, clock);
        this.results = new SurveyResults(jdbi, dao, surveys.supervisorQueue(), surveys.surveyMax());
        List<String> languages = Arrays.stream(surveys.languages().split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        this.script = new SurveyAgiScript(results, scheduler, languages, clock);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("survey-dialer")
                .daemon(true).unstarted(r));
        if (surveys.enabled() && ami.isPresent()) {
            // A lease owner unique to this process: a second instance never dials the same job.
            String owner = config.ami().pbxId() + "-" + ProcessHandle.current().pid() + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            AmiConnector connector = ami.get();
            SurveyDialer.Originator originator = SurveyDialer.Originator.of(connector);
            SurveyDialer dialer = new SurveyDialer(dao, callees, window, surveys, config.ami().pbxId(), owner,
                    originator, thread, clock, attempted);
            ami.get().addOriginateListener(dialer::onOriginateResult);
            long tick = Math.max(50, surveys.tick().toMillis());
            thread.scheduleWithFixedDelay(() -> {
                try {
                    dialer.tick();
                } catch (RuntimeException e) {
                    LOG.warn("survey dialer round failed; next round retries: {}", e.toString());
                }
            }, tick, tick, TimeUnit.MILLISECONDS);
            LOG.info("survey dialer running as {}", owner);
        }
    }

    public SurveyScheduler scheduler() {
        return scheduler;
    }

    public SurveyResults results() {
        return results;
    }

    public SurveyAgiScript script() {
        return script;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
