package io.aftercare.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PackedRouteTest {
    @Test
    void packsFieldsInDialplanOrderWithEmptyFieldsKept() {
        String packed = PackedRoute.pack(Map.of(DialplanVariables.QUEUE, "repairs", DialplanVariables.QUEUE_PRIO, "5",
                DialplanVariables.RULE, "Open repair"));
        assertThat(packed).isEqualTo("repairs|5|||||||||||Open repair");
        assertThat(packed.chars().filter(c -> c == PackedRoute.SEPARATOR).count())
                .isEqualTo(DialplanVariables.PACKED_BY_ROUTE.size() - 1);
    }

    @Test
    void unpackReadsWhatPackWrote() {
        Map<String, String> values = Map.of(DialplanVariables.QUEUE, "vip", DialplanVariables.QUEUE_PRIO, "10",
                DialplanVariables.LANGUAGE, "fr", DialplanVariables.PREFERRED_AGENT, "PJSIP/agent2",
                DialplanVariables.PREFERRED_WAIT, "20", DialplanVariables.CUSTOMER_ID, "7",
                DialplanVariables.NEXT_OPENING, "2026-11-24T08:00", DialplanVariables.RULE, "VIP customers");
        assertThat(PackedRoute.unpack(PackedRoute.pack(values))).isEqualTo(values);
    }

    @Test
    void aSeparatorInsideAValueCannotShiftTheFieldsAfterIt() {
        String packed = PackedRoute.pack(Map.of(DialplanVariables.QUEUE, "a|b", DialplanVariables.RULE, "x|y|z"));
        assertThat(PackedRoute.unpack(packed)).containsEntry(DialplanVariables.QUEUE, "a/b")
                .containsEntry(DialplanVariables.RULE, "x/y/z").hasSize(2);
    }

    @Test
    void nothingPackedReadsAsNothingSet() {
        assertThat(PackedRoute.unpack(null)).isEmpty();
        assertThat(PackedRoute.unpack("")).isEmpty();
    }
}
