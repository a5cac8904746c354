package io.aftercare.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
    private final PhoneNumbers us = new PhoneNumbers("US");

    @ParameterizedTest
    @ValueSource(strings = {"2125550123", "(212) 555-0123", "212.555.0123", "+1 212 555 0123", "1-212-555-0123",
        " +12125550123 "})
    void normalisesAnyCommonFormatToE164(String raw) {
        assertThat(us.parse(raw)).isEqualTo(new PhoneNumber("+12125550123"));
    }

    @Test
    void readsNationalNumbersInTheGivenRegionAndKeepsInternationalOnes() {
        assertThat(us.parse("07400 123456", "GB").e164()).isEqualTo("+447400123456");
        assertThat(us.parse("06 12 34 56 78", "FR").e164()).isEqualTo("+33612345678");
        assertThat(us.parse("+33 6 12 34 56 78", "GB").e164()).isEqualTo("+33612345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5551234567", "123", "+", "12345678901234567890123456789", "abc", "212-555-CALL",
        "\"2125550123\"", "2125550123\r\nAction: Originate", "${SHELL(id)}", "+999 1234567"})
    void rejectsInvalidImpossibleAndHostileNumbers(String raw) {
        assertThatThrownBy(() -> us.parse(raw)).isInstanceOf(InvalidPhoneNumberException.class);
    }

    @Test
    void unknownRegionIsAClearError() {
        assertThatThrownBy(() -> us.parse("2125550123", "XX")).hasMessageContaining("unknown region");
        assertThatThrownBy(() -> new PhoneNumbers("XX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unreadableCallerIdsAreUnknownCallersNotErrors() {
        for (String callerId : new String[] {"", "anonymous", "unknown", "Restricted", "+", "x".repeat(8192),
            "\u0000\u00ff", "2125550123\r\nHANGUP", null}) {
            assertThat(us.parseCallerId(callerId)).isEmpty();
        }
    }

    @Test
    void knowsTheRegionAndTimeZonesOfANumber() {
        PhoneNumber chicago = us.parse("3125550199");
        assertThat(us.regionOf(chicago)).isEqualTo("US");
        assertThat(us.timeZonesOf(chicago)).containsExactly(ZoneId.of("America/Chicago"));
        PhoneNumber tollFree = us.parse("8005551234");
        assertThat(us.timeZonesOf(tollFree)).hasSizeGreaterThan(3);
    }

    @Test
    void e164ValueTypeRefusesAnythingElse() {
        assertThatThrownBy(() -> new PhoneNumber("2125550123")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PhoneNumber("+12125550123").digits()).isEqualTo("12125550123");
    }
}
