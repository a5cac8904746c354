package io.aftercare.cases;

import java.time.Instant;

/**
 * One step of a case's history: it was opened, a call was disposed of with it ({@code call}: the agent, the reason
 * code, resolved or not, the notes and the call's Linkedid), or it was closed. Immutable.
 */
public record CaseEvent(Instant at, String kind, String agent, String reasonCode, Boolean resolved, String notes,
                        String linkedId) {
    static CaseEvent of(String kind, Instant at) {
        return new CaseEvent(at, kind, null, null, null, null, null);
    }
}
