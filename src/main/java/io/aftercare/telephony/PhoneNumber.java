package io.aftercare.telephony;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A phone number in E.164 form (+ and 7 to 15 digits), produced only by {@link PhoneNumbers}. Immutable. */
public record PhoneNumber(String e164) implements Comparable<PhoneNumber> {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public PhoneNumber {
        if (!isE164(e164)) {
            throw new IllegalArgumentException("not an E.164 number: " + e164);
        }
    }

    /** Whether {@code text} is already in the E.164 form this type holds. */
    public static boolean isE164(String text) {
        return text != null && E164.matcher(text).matches();
    }

    /** Digits without the plus, as dial strings and AMI channel templates want them. */
    public String digits() {
        return e164.substring(1);
    }

    @Override
    public int compareTo(PhoneNumber other) {
        return e164.compareTo(other.e164);
    }

    @JsonValue
    @Override
    public String toString() {
        return e164;
    }
}
