package io.aftercare.metrics;

/**
 * One call's figures: queue wait, whether it met its queue's service-level target, whether an abandon was
 * short, and its handling time split (milliseconds over all agents). Immutable.
 */
public record CallFigures(String pbxId, String linkedId, String queue, Long waitMillis, boolean answered,
                          boolean withinThreshold, boolean abandoned, boolean shortAbandon, long talkMillis,
                          long holdMillis, long wrapupMillis) {
    public long handlingMillis() {
        return talkMillis + holdMillis + wrapupMillis;
    }
}
