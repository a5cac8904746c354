package io.aftercare.cases;

import io.aftercare.core.Coded;

/** Where a case stands; open, in_progress and waiting_customer count as open. Immutable. */
public enum CaseStatus implements Coded {
    OPEN, IN_PROGRESS, WAITING_CUSTOMER, RESOLVED, CLOSED;

    public boolean isOpen() {
        return this == OPEN || this == IN_PROGRESS || this == WAITING_CUSTOMER;
    }
}
