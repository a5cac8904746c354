package io.aftercare.agents;

import java.util.List;

/** An agent as stored by a create or change, and what the PBX check found. Immutable. */
public record AgentSaved(AgentProfile agent, List<String> warnings) {
    public AgentSaved {
        warnings = List.copyOf(warnings);
    }
}
