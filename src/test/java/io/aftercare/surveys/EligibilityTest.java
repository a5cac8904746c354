package io.aftercare.surveys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aftercare.surveys.Eligibility.Facts;
import io.aftercare.surveys.Eligibility.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EligibilityTest {
    private static final Instant NOW = Instant.parse("2026-06-10T10:00:00Z");
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);
    private static final Facts OK = new Facts(true, false, false, true, false, Optional.empty());

    private static Reason decide(Facts f) {
        return Eligibility.decide(f, NOW, THIRTY_DAYS).reason();
    }

    @Test
    void aConsentingCustomerWithACallableNumberIsEligible() {
        assertTrue(Eligibility.decide(OK, NOW, THIRTY_DAYS).eligible());
    }

    @Test
    void doNotCallOnTheNumberOrTheCustomerRefuses() {
        assertEquals(Reason.DO_NOT_CALL_NUMBER, decide(new Facts(true, true, false, true, false, Optional.empty())));
        assertEquals(Reason.DO_NOT_CALL_CUSTOMER, decide(new Facts(true, false, true, true, false, Optional.empty())));
        assertTrue(Reason.DO_NOT_CALL_NUMBER.optOut());
    }

    @Test
    void withoutConsentOrCallableNumberNoSurvey() {
        assertEquals(Reason.NO_CONSENT, decide(new Facts(true, false, false, false, false, Optional.empty())));
        assertEquals(Reason.NO_CALLABLE_NUMBER, decide(new Facts(false, false, false, true, false, Optional.empty())));
        assertFalse(Reason.NO_CALLABLE_NUMBER.optOut());
    }

    @Test
    void noSurveyWhileAComplaintIsOpen() {
        assertEquals(Reason.OPEN_COMPLAINT, decide(new Facts(true, false, false, true, true, Optional.empty())));
    }

    @Test
    void atMostOneSurveyPerCustomerPerPeriod() {
        assertEquals(Reason.RECENT_SURVEY, decide(new Facts(true, false, false, true, false,
                Optional.of(NOW.minus(Duration.ofDays(29))))));
        assertEquals(Reason.ELIGIBLE, decide(new Facts(true, false, false, true, false,
                Optional.of(NOW.minus(THIRTY_DAYS)))));
    }
}
