package io.aftercare.metrics;

/**
 * Queue figures for a set of calls (one queue, all queues, one interval), as defined in doc/metrics.md. Times
 * are milliseconds (the API writes them as {@code ...Seconds}: web/MillisAsSeconds); ratios are from 0 to 1; a
 * figure whose denominator is zero is null. Immutable.
 *
 * @param offered calls that joined a queue, counted once at their first offer
 * @param answered offered calls an agent answered
 * @param abandoned calls that hung up in queue after the queue's short-abandon limit
 * @param shortAbandoned calls that hung up in queue before that limit (reported apart, in no rate)
 * @param timedOut calls that left the queue unanswered without hanging up there (queue timeout)
 * @param lostTrack unanswered calls that ended while the AMI link was down
 * @param waiting offered calls not answered and not ended yet
 * @param answeredWithinThreshold answered calls whose queue wait is at most the queue's service-level target T
 * @param serviceLevelAnswered answeredWithinThreshold / answered
 * @param serviceLevelOffered answeredWithinThreshold / (answered + abandoned), short abandons excluded
 * @param abandonRate abandoned / (answered + abandoned), short abandons excluded
 * @param asaMillis mean queue wait of answered calls
 * @param handled answered calls whose handling is complete (the AHT population)
 * @param ahtMillis mean talk + hold + wrap-up of handled calls
 * @param callbacks calls whose caller left the queue for a callback keeping their place (virtual hold): neither
 *                  answered nor abandoned here; the callback's own call is counted in the callback figures
 */
public record QueueFigures(long offered, long answered, long abandoned, long shortAbandoned, long timedOut,
                           long lostTrack, long waiting, long answeredWithinThreshold, Double serviceLevelAnswered,
                           Double serviceLevelOffered, Double abandonRate, Long asaMillis, long handled,
                           Long ahtMillis, Long talkMillis, Long holdMillis, Long wrapupMillis, long callbacks) {}
