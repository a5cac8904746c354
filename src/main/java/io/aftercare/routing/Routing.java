package io.aftercare.routing;

import io.aftercare.config.AftercareConfig;
import io.aftercare.hours.AfterHoursBranch;
import io.aftercare.hours.QueueHoursService;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.telephony.PhoneNumber;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * The routing feature wired together: rules, context loader, engine, service, the route AGI script, the
 * bounded executor its lookups run on (a full queue makes a call take the fallback at once) and a separate one
 * for the scripts' background writes (callback cases, IVR selections, hours re-reads), so that writes stuck
 * behind a database lock never hold the threads the route's reads need. Thread-safe.
 */
public final class Routing implements AutoCloseable {
    /** Lookups waiting beyond this many are refused: those calls get the fallback queue without waiting. */
    private static final int LOOKUP_QUEUE = 1_000;
    /** Background writes: SQLite has one writer, so more threads would only wait for each other. */
    private static final int WRITE_THREADS = 2;
    private static final int WRITE_QUEUE = 10_000;

    private final RoutingRuleService rules;
    private final RoutingService service;
    private final RouteAgiScript routeScript;
    private final ThreadPoolExecutor lookups;
    private final ThreadPoolExecutor writes;
    private final QueueHoursService hours;
    private final AfterHoursBranch afterHours;
    private final DecisionRecorder recorder;
    private final RoutingLookups reads;
    private final CallerDirectory directory;
    private final DirectoryFeed feed;

    private Routing(RoutingRuleService rules, RoutingService service, RouteAgiScript routeScript,
                    ThreadPoolExecutor lookups, ThreadPoolExecutor writes, QueueHoursService hours,
                    AfterHoursBranch afterHours, DecisionRecorder recorder, RoutingLookups reads,
                    CallerDirectory directory, DirectoryFeed feed) {
        this.directory = directory;
        this.feed = feed;
        this.writes = writes;
        this.recorder = recorder;
        this.reads = reads;
        this.hours = hours;
        this.afterHours = afterHours;
        this.rules = rules;
        this.service = service;
        this.routeScript = routeScript;
        this.lookups = lookups;
    }

    /**
     * @param live aftercare's live agent state, for ringing a case owner before the queue
     * @param observer told of every route the script answers
     */
    public static Routing create(AftercareConfig config, Database database, PhoneNumbers phones, Clock clock,
                                 LiveAgents live, RouteObserver observer) {
        AftercareConfig.Agi agi = config.agi();
        Jdbi jdbi = database.jdbi();
        RoutingRuleService rules = new RoutingRuleService(jdbi, clock);
        DecisionRecorder recorder = new DecisionRecorder(jdbi);
        // one kept session per lookup thread at most: more could never be busy at once
        RoutingLookups reads = new RoutingLookups(database::openDedicated, agi.lookupThreads());
        CallerDirectory directory = new CallerDirectory(clock, agi.timeZone());
        RoutingService service = new RoutingService(jdbi, phones, directory,
                new RoutingContextLoader(reads, clock, agi.timeZone()), rules, new RuleEngine(agi.fallbackQueue()),
                clock, recorder, live, config.ami().pbxId());
        ThreadPoolExecutor lookups = new ThreadPoolExecutor(agi.lookupThreads(), agi.lookupThreads(), 60,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(LOOKUP_QUEUE),
                Thread.ofPlatform().daemon().name("route-lookup-", 0).factory(), new ThreadPoolExecutor.AbortPolicy());
        ThreadPoolExecutor writes = new ThreadPoolExecutor(WRITE_THREADS, WRITE_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WRITE_QUEUE), Thread.ofPlatform().daemon().name("route-writes-", 0).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        QueueHoursService hours = new QueueHoursService(jdbi, clock, writes);
        AfterHoursBranch afterHours = new AfterHoursBranch(hours, writes, clock, agi.routeBudget());
        RouteAgiScript script = new RouteAgiScript(service, afterHours, lookups, agi.routeBudget(),
                config.ami().pbxId(), observer);
        DirectoryFeed feed = new DirectoryFeed(jdbi, directory,
                new CallerDirectoryReader(jdbi, database.dialect() == Database.Dialect.POSTGRES), clock, agi.timeZone());
        if (agi.directory().enabled()) {
            feed.start(agi.directory().poll(), agi.directory().reload());
        }
        warmUp(service);
        hours.reload();
        return new Routing(rules, service, script, lookups, writes, hours, afterHours, recorder, reads, directory,
                feed);
    }

    /** The writer of routing decisions (its depth, refusals and drops are metrics). */
    public DecisionRecorder recorder() {
        return recorder;
    }

    /** Loads the rules and runs one lookup so the first real call does not pay for class loading and SQL set-up. */
    private static void warmUp(RoutingService service) {
        service.decide(service.context(Optional.of(new PhoneNumber("+10000000000")), "en", ""));
        service.decide(service.context(Optional.empty(), "en", ""));
    }

    /**
     * What a call from {@code caller} to {@code dnid} would get now, as the live route decides it: the rules'
     * decision and, when its queue is closed and no IVR menu comes first, the after-hours branch (no case is
     * opened). Blocking (database).
     */
    public Explanation explain(String caller, String dnid, String language) {
        Explanation e = service.explain(caller, dnid, language);
        if (e.decision().ivrMenu() != null) {
            return e; // the ivr script checks the hours of the queue the caller chooses
        }
        return afterHours.preview(e.decision().queue(), Optional.ofNullable(e.decision().customerId()),
                        Optional.ofNullable(e.callerE164()))
                .map(closed -> e.withAfterHours(new Explanation.AfterHoursView(closed.action().code(),
                        closed.nextOpeningText())))
                .orElse(e);
    }

    public RoutingRuleService rules() {
        return rules;
    }

    public RoutingService service() {
        return service;
    }

    /** Business hours per queue, shared with the IVR and the hours API. */
    public QueueHoursService hours() {
        return hours;
    }

    /** The after-hours step, shared with the ivr script; its callback cases run on the background-write executor. */
    public AfterHoursBranch afterHours() {
        return afterHours;
    }

    /** The bounded executor of the scripts' background writes (not the route's lookups). */
    public java.util.concurrent.Executor background() {
        return writes;
    }

    /** Every customer's routing facts in memory; {@link CallerDirectory#ready()} is false when switched off. */
    public CallerDirectory directory() {
        return directory;
    }

    /** Applies every change journalled so far to the caller directory; completes when done. */
    public java.util.concurrent.CompletableFuture<Void> directoryCatchUp() {
        return feed.catchUp();
    }

    public RouteAgiScript routeScript() {
        return routeScript;
    }

    @Override
    public void close() {
        feed.close();
        lookups.shutdown();
        writes.shutdown();
        try {
            lookups.awaitTermination(5, TimeUnit.SECONDS);
            writes.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reads.close();
        recorder.close(); // after the lookups: decisions they queued are still written
    }
}
