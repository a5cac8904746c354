package io.aftercare.cases;

import io.aftercare.core.Coded;

/** What an after-sales case is about. Immutable. */
public enum CaseType implements Coded {
    REPAIR, RETURN, TECHNICAL, COMPLAINT, CALLBACK
}
