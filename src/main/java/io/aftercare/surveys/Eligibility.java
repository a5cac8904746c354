package io.aftercare.surveys;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a customer may be surveyed now: the rules of the issue as one pure function, checked when a job is
 * scheduled and again just before it is dialed. Stateless and thread-safe.
 */
public final class Eligibility {
    private Eligibility() {}

    /** Why a survey may or may not happen; the first failing rule wins, in this order. */
    public enum Reason {
        ELIGIBLE,
        NO_CALLABLE_NUMBER,
        DO_NOT_CALL_NUMBER,
        DO_NOT_CALL_CUSTOMER,
        NO_CONSENT,
        OPEN_COMPLAINT,
        RECENT_SURVEY;

        /** True for the reasons that mean "the customer does not want to be called" (job state opted_out). */
        public boolean optOut() {
            return this == DO_NOT_CALL_NUMBER || this == DO_NOT_CALL_CUSTOMER || this == NO_CONSENT;
        }
    }

    /**
     * What the database knows about the customer and the number at one moment.
     *
     * @param lastSurveyAt when this customer was last reached by a survey (answered), if ever: by any job, the
     *                     one being decided on included
     */
    public record Facts(boolean callableNumber, boolean numberOnDoNotCall, boolean customerDoNotCall,
                        boolean consent, boolean openComplaint, Optional<Instant> lastSurveyAt) {
        public Facts {
            Objects.requireNonNull(lastSurveyAt);
        }
    }

    /** The answer and its reason. */
    public record Decision(Reason reason) {
        public boolean eligible() {
            return reason == Reason.ELIGIBLE;
        }
    }

    /** @param minGap at most one survey per customer within this period (30 days by default) */
    public static Decision decide(Facts facts, Instant now, Duration minGap) {
        if (!facts.callableNumber()) {
            return new Decision(Reason.NO_CALLABLE_NUMBER);
        }
        if (facts.numberOnDoNotCall()) {
            return new Decision(Reason.DO_NOT_CALL_NUMBER);
        }
        if (facts.customerDoNotCall()) {
            return new Decision(Reason.DO_NOT_CALL_CUSTOMER);
        }
        if (!facts.consent()) {
            return new Decision(Reason.NO_CONSENT);
        }
        if (facts.openComplaint()) {
            return new Decision(Reason.OPEN_COMPLAINT);
        }
        if (facts.lastSurveyAt().map(last -> last.plus(minGap).isAfter(now)).orElse(false)) {
            return new Decision(Reason.RECENT_SURVEY);
        }
        return new Decision(Reason.ELIGIBLE);
    }
}
