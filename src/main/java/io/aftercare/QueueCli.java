package io.aftercare;

import io.aftercare.hours.HoursInput;
import io.aftercare.hours.HoursView;
import io.aftercare.hours.QueueHoursService;
import io.aftercare.queues.QueueDefinition;
import io.aftercare.queues.QueueInput;
import io.aftercare.queues.QueueSaved;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aftercare queue add|set|list|remove}: the queues, through the same service as {@code /api/queues}. */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Add, change, list or remove queues.",
        subcommands = {QueueCli.Add.class, QueueCli.Set.class, QueueCli.List.class, QueueCli.Remove.class,
            QueueCli.Hours.class})
final class QueueCli {
    private QueueCli() {}

    /** The settings a command may give; what is left out keeps its value (or the default, for add). */
    static final class Settings {
        @Option(names = "--description") String description;
        @Option(names = "--strategy", description = "hint: ringall, leastrecent, fewestcalls, random, rrmemory,"
                + " linear, wrandom") String strategy;
        @Option(names = "--service-level-seconds") Integer serviceLevelSeconds;
        @Option(names = "--short-abandon-seconds") Integer shortAbandonSeconds;
        @Option(names = "--wrapup-seconds") Integer wrapupSeconds;
        @Option(names = "--wrapup-max-seconds") Integer wrapupMaxSeconds;
        @Option(names = "--time-zone", description = "IANA zone, e.g. Europe/Berlin") String timeZone;
        @Option(names = "--after-hours", description = "voicemail or callback") String afterHoursAction;
        @Option(names = "--waiting-amber") Integer waitingAmber;
        @Option(names = "--waiting-red") Integer waitingRed;
        @Option(names = "--longest-wait-amber-seconds") Integer longestWaitAmberSeconds;
        @Option(names = "--longest-wait-red-seconds") Integer longestWaitRedSeconds;
        @Option(names = "--service-level-amber", description = "ratio 0-1") Double serviceLevelAmber;
        @Option(names = "--service-level-red", description = "ratio 0-1") Double serviceLevelRed;
        @Option(names = "--abandon-rate-amber", description = "ratio 0-1") Double abandonRateAmber;
        @Option(names = "--abandon-rate-red", description = "ratio 0-1") Double abandonRateRed;
        @Option(names = "--asa-amber-seconds") Integer asaAmberSeconds;
        @Option(names = "--asa-red-seconds") Integer asaRedSeconds;
        @Option(names = "--aht-amber-seconds") Integer ahtAmberSeconds;
        @Option(names = "--aht-red-seconds") Integer ahtRedSeconds;
        @Option(names = "--callback-offer-after-seconds", description = "offer a callback after this wait; 0 off")
        Integer callbackOfferAfterSeconds;
        @Option(names = "--callback-offer-estimate-seconds",
                description = "offer a callback at once when the estimated wait is this long; 0 off")
        Integer callbackOfferEstimateSeconds;
        @Option(names = "--abandon-policy", description = "what an abandoned call becomes: task, callback or none")
        String abandonPolicy;

        QueueInput input(String name) {
            return new QueueInput(name, description, strategy, serviceLevelSeconds, shortAbandonSeconds, wrapupSeconds,
                    wrapupMaxSeconds, timeZone, afterHoursAction, waitingAmber, waitingRed, longestWaitAmberSeconds,
                    longestWaitRedSeconds, serviceLevelAmber, serviceLevelRed, abandonRateAmber, abandonRateRed,
                    asaAmberSeconds, asaRedSeconds, ahtAmberSeconds, ahtRedSeconds, callbackOfferAfterSeconds,
                    callbackOfferEstimateSeconds, abandonPolicy);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a queue (the app_queue name).")
    static final class Add extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "app_queue name, e.g. 400 or support") String name;
        @Mixin Settings settings = new Settings();

        @Override
        public Integer call() {
            QueueSaved saved = withAdministration(a -> a.queues().create(settings.input(name)));
            warn(saved.warnings());
            print(describe(saved.queue()));
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change a queue's settings.")
    static final class Set extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Mixin Settings settings = new Settings();

        @Override
        public Integer call() {
            QueueSaved saved = withAdministration(a -> a.queues().update(name, settings.input(null)));
            warn(saved.warnings());
            print(describe(saved.queue()));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the queues.")
    static final class List extends AdminCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            withAdministration(a -> a.queues().list()).forEach(q -> print(describe(q)));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Delete a queue; refused while routing rules, IVR menus or agents use it.")
    static final class Remove extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            withAdministration(a -> {
                a.queues().delete(name);
                return null;
            });
            print("removed queue " + name);
            return 0;
        }
    }

    @Command(name = "hours", mixinStandardHelpOptions = true,
            description = "Replace a queue's opening hours and holidays (as PUT /api/queues/{name}/hours); no --open:"
                    + " open around the clock.")
    static final class Hours extends AdminCommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--open", paramLabel = "DAYS=HH:MM-HH:MM",
                description = "e.g. MONDAY-FRIDAY=09:00-17:00 or SATURDAY=10:00-14:00; closes 24:00 is the end of day")
        java.util.List<String> open;
        @Option(names = "--holiday", paramLabel = "YYYY-MM-DD[=NAME]") java.util.List<String> holidays;
        @Option(names = "--time-zone", description = "default: the queue's") String timeZone;
        @Option(names = "--after-hours", description = "voicemail or callback; default: the queue's") String action;

        @Override
        public Integer call() {
            HoursView view = withDatabase((db, loaded) -> {
                QueueHoursService hours = new QueueHoursService(db.jdbi(), Clock.systemUTC(), Runnable::run);
                HoursView now = hours.view(name);
                return hours.replace(name, new HoursInput(timeZone == null ? now.timeZone() : timeZone,
                        action == null ? now.afterHoursAction() : action, HoursText.windows(open),
                        HoursText.holidays(holidays)));
            });
            print(name + "\t" + view.timeZone() + "\t" + view.afterHoursAction() + "\t" + HoursText.describe(view));
            return 0;
        }
    }

    static String describe(QueueDefinition q) {
        return String.format("%s\t%s\tstrategy=%s sl=%ds shortAbandon=%ds wrapup=%ds..%ds zone=%s afterHours=%s"
                        + " waiting=%d/%d longestWait=%ds/%ds serviceLevel=%.2f/%.2f abandonRate=%.2f/%.2f asa=%ds/%ds"
                        + " aht=%ds/%ds callbackOffer=%ds/%ds abandonPolicy=%s", q.name(), q.description(),
                q.strategy().isEmpty() ? "-" : q.strategy(), q.serviceLevelSeconds(), q.shortAbandonSeconds(),
                q.wrapupSeconds(), q.wrapupMaxSeconds(), q.timeZone(), q.afterHoursAction(), q.waitingAmber(),
                q.waitingRed(), q.longestWaitAmberSeconds(), q.longestWaitRedSeconds(), q.serviceLevelAmber(),
                q.serviceLevelRed(), q.abandonRateAmber(), q.abandonRateRed(), q.asaAmberSeconds(), q.asaRedSeconds(),
                q.ahtAmberSeconds(), q.ahtRedSeconds(), q.callbackOfferAfterSeconds(),
                q.callbackOfferEstimateSeconds(), q.abandonPolicy());
    }
}
