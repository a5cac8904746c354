package io.aftercare.wallboard;

/** The levels of a queue's watched figures against its thresholds. Immutable. */
public record Alerts(Level waiting, Level longestWait, Level serviceLevel, Level abandonRate, Level asa, Level aht) {}
