package io.aftercare.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Durations computed in milliseconds leave the API in seconds, under a name that says so. */
class MillisAsSecondsTest {
    record Figures(long handled, Long ahtMillis, long talkMillis, Long holdMillis, String noteMillis) {}

    @Test
    void millisecondComponentsAreWrittenAsSecondsWithMillisecondDecimals() {
        assertThat(Json.write(new Figures(3, 122_500L, 1_000, null, "x")))
                .isEqualTo("{\"handled\":3,\"ahtSeconds\":122.5,\"talkSeconds\":1.0,\"holdSeconds\":null,"
                        + "\"noteMillis\":\"x\"}");
    }
}
