package io.aftercare.queues;

import java.util.List;

/** A queue as stored by a create or change, and what the PBX check found ({@link PbxCheck}). Immutable. */
public record QueueSaved(QueueDefinition queue, List<String> warnings) {
    public QueueSaved {
        warnings = List.copyOf(warnings);
    }
}
