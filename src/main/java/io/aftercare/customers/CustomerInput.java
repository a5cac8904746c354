package io.aftercare.customers;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * A customer as a client sends it: all fields optional so the same shape serves creation (POST, where
 * name is required) and JSON merge-patch (PATCH, where absent fields stay as they are). Immutable.
 */
public record CustomerInput(String externalRef, String name, String email, String language, String tier,
                            String country, String timeZone, Boolean surveyConsent, Boolean doNotCall,
                            List<PhoneInput> phones) {

    /** A phone as sent: {"number": "...", "kind": "mobile"} or simply the number as a string. */
    public record PhoneInput(String number, String kind) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static PhoneInput of(String number) {
            return new PhoneInput(number, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public PhoneInput {
        }
    }
}
