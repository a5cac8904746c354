package io.aftercare.wallboard;

import java.time.Instant;

/**
 * A caller waiting in a queue: position (1 = waiting longest; Asterisk may still serve a higher-priority caller
 * first), since when and for how long (whole seconds at the snapshot), who (customer's first name and initial, else
 * the number's last four digits) and the customer's tier (null when unknown). Immutable.
 */
public record WaitingCaller(int position, Instant queuedAt, long waitSeconds, String caller, String tier) {}
