package io.aftercare.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgiTextTest {
    @Test
    void quoteEscapesQuotesAndBackslashesAndDropsLineBreaks() {
        assertThat(AgiText.quote("a\"b\\c\r\nSET VARIABLE X 1")).isEqualTo("\"a\\\"b\\\\cSET VARIABLE X 1\"");
    }

    @Test
    void dialplanExpressionsAreDefused() {
        assertThat(AgiText.clean("${SHELL(id)}")).isEqualTo("{SHELL(id)}");
    }

    @Test
    void controlCharactersLineSeparatorsAndBrokenSurrogatesAreRemoved() {
        assertThat(AgiText.clean("a\u0000b\u2028c\u0085d\ud800e")).isEqualTo("abcde");
        assertThat(AgiText.clean("caf\u00e9 \ud83d\ude00")).isEqualTo("caf\u00e9 \ud83d\ude00");
    }

    @Test
    void longValuesAreCut() {
        assertThat(AgiText.clean("x".repeat(8192))).hasSize(AgiText.MAX_VALUE);
    }

    @Test
    void onlySafeVariableNamesAreAccepted() {
        assertThat(new SafeSetVariable("CHANNEL(language)", "fr").buildCommand())
                .isEqualTo("SET VARIABLE CHANNEL(language) \"fr\"");
        assertThatThrownBy(() -> new SafeSetVariable("X Y", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SafeSetVariable("X\nHANGUP", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRouteVariableIsASafeName() {
        DialplanVariables.PACKED_BY_ROUTE.forEach(AgiText::variableName);
        AgiText.variableName(DialplanVariables.ROUTE);
    }
}
