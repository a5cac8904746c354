package io.aftercare;

import io.aftercare.agents.AgentProfileService;
import io.aftercare.queues.PbxCheck;
import io.aftercare.queues.QueueService;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The administration services, queues and agents, built alike for the HTTP API (checked against the PBXs, their
 * changes re-read by the running features) and the command line (no PBX, nothing running). Immutable.
 */
record Administration(QueueService queues, AgentProfileService agents) {
    /** @param changed run after every change (the API re-reads hours, rules, agents and queue timings) */
    static Administration create(Jdbi jdbi, PbxCheck pbx, Clock clock, Runnable changed) {
        return new Administration(new QueueService(jdbi, pbx, changed),
                new AgentProfileService(jdbi, pbx, clock, changed));
    }

    /** For the command line: no PBX to ask, no running feature to tell. */
    static Administration offline(Jdbi jdbi, Clock clock) {
        return create(jdbi, PbxCheck.none(), clock, () -> {});
    }
}
