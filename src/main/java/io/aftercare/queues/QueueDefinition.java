package io.aftercare.queues;

import io.aftercare.core.Coded;
import io.aftercare.core.ValidationException;
import io.aftercare.followups.AbandonPolicy;
import io.aftercare.hours.AfterHoursAction;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One queue as aftercare knows it (a row of {@code queues}, opening hours apart: {@code /api/queues/{name}/hours}):
 * the app_queue name, a description, the strategy hint, service-level and short-abandon targets, after-call work,
 * time zone and after-hours action, and wallboard thresholds (service level and abandon rate as ratios 0-1, ASA and
 * AHT in seconds), and when a waiting caller is offered a callback keeping their place: after waiting
 * {@code callbackOfferAfterSeconds}, or at once when the estimated wait is at least
 * {@code callbackOfferEstimateSeconds} (0 turns either off); and what an abandoned call becomes
 * ({@link AbandonPolicy}). Immutable.
 */
public record QueueDefinition(String name, String description, String strategy, int serviceLevelSeconds,
                              int shortAbandonSeconds, int wrapupSeconds, int wrapupMaxSeconds, String timeZone,
                              String afterHoursAction, int waitingAmber, int waitingRed, int longestWaitAmberSeconds,
                              int longestWaitRedSeconds, double serviceLevelAmber, double serviceLevelRed,
                              double abandonRateAmber, double abandonRateRed, int asaAmberSeconds, int asaRedSeconds,
                              int ahtAmberSeconds, int ahtRedSeconds, int callbackOfferAfterSeconds,
                              int callbackOfferEstimateSeconds, String abandonPolicy) {
    /** app_queue's strategies; the hint is informational (aftercare never rings members itself). */
    public static final Set<String> STRATEGIES = Set.of("ringall", "leastrecent", "fewestcalls", "random", "rrmemory",
            "linear", "wrandom", "rrordered");
    /** A queues.conf section name: letters, digits (FreePBX queues are numbers such as 400), '-', '_' and '.'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,79}");

    public QueueDefinition {
        description = description == null ? "" : description.strip();
        strategy = strategy == null ? "" : strategy;
        abandonPolicy = abandonPolicy == null ? AbandonPolicy.TASK.code() : abandonPolicy;
    }

    /**
     * This queue if every setting is acceptable, else a {@link ValidationException} naming every problem. Writes
     * check; reads do not, so a row written around aftercare never hides the list.
     */
    public QueueDefinition validated() {
        List<String> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name must be 1 to 80 letters, digits, '-', '_' or '.' (a queues.conf section name such as"
                    + " 400 or support), got '" + name + "'");
        }
        if (description.length() > 200 || description.chars().anyMatch(Character::isISOControl)) {
            problems.add("description must be at most 200 characters without control characters");
        }
        if (!strategy.isEmpty() && !STRATEGIES.contains(strategy)) {
            problems.add("strategy must be one of ringall, leastrecent, fewestcalls, random, rrmemory, linear, wrandom,"
                    + " rrordered (or empty), got '" + strategy + "'");
        }
        range(problems, "serviceLevelSeconds", serviceLevelSeconds, 1, 3600);
        range(problems, "shortAbandonSeconds", shortAbandonSeconds, 0, 600);
        range(problems, "wrapupSeconds", wrapupSeconds, 0, 3600);
        range(problems, "wrapupMaxSeconds", wrapupMaxSeconds, 0, 7200);
        if (wrapupMaxSeconds < wrapupSeconds) {
            problems.add("wrapupMaxSeconds (" + wrapupMaxSeconds + ") must be at least wrapupSeconds ("
                    + wrapupSeconds + ")");
        }
        try {
            ZoneId.of(timeZone == null ? "" : timeZone);
        } catch (DateTimeException e) {
            problems.add("timeZone must be an IANA zone such as Europe/Berlin, got '" + timeZone + "'");
        }
        try {
            Coded.parse(AfterHoursAction.class, afterHoursAction, "afterHoursAction");
        } catch (ValidationException e) {
            problems.add(e.getMessage());
        }
        range(problems, "waitingAmber", waitingAmber, 0, 10_000);
        range(problems, "waitingRed", waitingRed, 0, 10_000);
        rising(problems, "waitingAmber", waitingAmber, "waitingRed", waitingRed);
        range(problems, "longestWaitAmberSeconds", longestWaitAmberSeconds, 0, 86_400);
        range(problems, "longestWaitRedSeconds", longestWaitRedSeconds, 0, 86_400);
        rising(problems, "longestWaitAmberSeconds", longestWaitAmberSeconds, "longestWaitRedSeconds",
                longestWaitRedSeconds);
        ratio(problems, "serviceLevelAmber", serviceLevelAmber);
        ratio(problems, "serviceLevelRed", serviceLevelRed);
        if (serviceLevelRed > serviceLevelAmber) {
            problems.add("serviceLevelRed (" + serviceLevelRed + ") must not be above serviceLevelAmber ("
                    + serviceLevelAmber + "): service level turns bad as it falls");
        }
        ratio(problems, "abandonRateAmber", abandonRateAmber);
        ratio(problems, "abandonRateRed", abandonRateRed);
        if (abandonRateRed < abandonRateAmber) {
            problems.add("abandonRateRed (" + abandonRateRed + ") must be at least abandonRateAmber ("
                    + abandonRateAmber + ")");
        }
        range(problems, "asaAmberSeconds", asaAmberSeconds, 0, 86_400);
        range(problems, "asaRedSeconds", asaRedSeconds, 0, 86_400);
        rising(problems, "asaAmberSeconds", asaAmberSeconds, "asaRedSeconds", asaRedSeconds);
        range(problems, "ahtAmberSeconds", ahtAmberSeconds, 0, 86_400);
        range(problems, "ahtRedSeconds", ahtRedSeconds, 0, 86_400);
        rising(problems, "ahtAmberSeconds", ahtAmberSeconds, "ahtRedSeconds", ahtRedSeconds);
        range(problems, "callbackOfferAfterSeconds", callbackOfferAfterSeconds, 0, 3600);
        range(problems, "callbackOfferEstimateSeconds", callbackOfferEstimateSeconds, 0, 86_400);
        try {
            Coded.parse(AbandonPolicy.class, abandonPolicy, "abandonPolicy");
        } catch (ValidationException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("queue " + (name == null ? "" : name + " ") + "not valid: "
                    + String.join("; ", problems));
        }
        return this;
    }

    /** The schema's defaults, under which a new queue is made (with its own name). */
    public static final QueueDefinition DEFAULTS = new QueueDefinition("new", "", "", 20, 5, 60, 300, "UTC",
            "voicemail", 3, 6, 30, 60, 0.8, 0.6, 0.05, 0.10, 20, 40, 360, 480, 0, 0, "task");

    /** The service-level thresholds as the table keeps them: whole percent. */
    int serviceLevelAmberPercent() {
        return (int) Math.round(serviceLevelAmber * 100);
    }

    int serviceLevelRedPercent() {
        return (int) Math.round(serviceLevelRed * 100);
    }

    int abandonRateAmberPercent() {
        return (int) Math.round(abandonRateAmber * 100);
    }

    int abandonRateRedPercent() {
        return (int) Math.round(abandonRateRed * 100);
    }

    private static void range(List<String> problems, String field, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(field + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void rising(List<String> problems, String amberField, int amber, String redField, int red) {
        if (red < amber) {
            problems.add(redField + " (" + red + ") must be at least " + amberField + " (" + amber + ")");
        }
    }

    private static void ratio(List<String> problems, String field, double value) {
        if (!(value >= 0 && value <= 1) || Math.abs(value * 100 - Math.round(value * 100)) > 1e-9) {
            problems.add(field + " must be a ratio from 0 to 1 in steps of 0.01, got " + value);
        }
    }
}
