package io.aftercare.queues;

/**
 * The body of {@code POST /api/queues} (name required, the rest defaults) and {@code PATCH /api/queues/{name}}
 * (only what is given changes; the name cannot change). Immutable.
 */
public record QueueInput(String name, String description, String strategy, Integer serviceLevelSeconds,
                         Integer shortAbandonSeconds, Integer wrapupSeconds, Integer wrapupMaxSeconds, String timeZone,
                         String afterHoursAction, Integer waitingAmber, Integer waitingRed,
                         Integer longestWaitAmberSeconds, Integer longestWaitRedSeconds, Double serviceLevelAmber,
                         Double serviceLevelRed, Double abandonRateAmber, Double abandonRateRed,
                         Integer asaAmberSeconds, Integer asaRedSeconds, Integer ahtAmberSeconds,
                         Integer ahtRedSeconds, Integer callbackOfferAfterSeconds,
                         Integer callbackOfferEstimateSeconds, String abandonPolicy) {
    /** {@code base} with what this input gives (its name too); validated. */
    public QueueDefinition applyTo(QueueDefinition base) {
        return new QueueDefinition(or(name, base.name()), or(description, base.description()), or(strategy, base.strategy()),
                or(serviceLevelSeconds, base.serviceLevelSeconds()), or(shortAbandonSeconds, base.shortAbandonSeconds()),
                or(wrapupSeconds, base.wrapupSeconds()), or(wrapupMaxSeconds, base.wrapupMaxSeconds()),
                or(timeZone, base.timeZone()), or(afterHoursAction, base.afterHoursAction()),
                or(waitingAmber, base.waitingAmber()), or(waitingRed, base.waitingRed()),
                or(longestWaitAmberSeconds, base.longestWaitAmberSeconds()),
                or(longestWaitRedSeconds, base.longestWaitRedSeconds()), or(serviceLevelAmber, base.serviceLevelAmber()),
                or(serviceLevelRed, base.serviceLevelRed()), or(abandonRateAmber, base.abandonRateAmber()),
                or(abandonRateRed, base.abandonRateRed()), or(asaAmberSeconds, base.asaAmberSeconds()),
                or(asaRedSeconds, base.asaRedSeconds()), or(ahtAmberSeconds, base.ahtAmberSeconds()),
                or(ahtRedSeconds, base.ahtRedSeconds()),
                or(callbackOfferAfterSeconds, base.callbackOfferAfterSeconds()),
                or(callbackOfferEstimateSeconds, base.callbackOfferEstimateSeconds()),
                or(abandonPolicy, base.abandonPolicy())).validated();
    }

    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }
}
