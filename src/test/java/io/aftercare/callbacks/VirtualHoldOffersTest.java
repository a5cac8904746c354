package io.aftercare.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.calls.WaitingCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a waiting caller hears the callback offer, and the place they would rejoin at. */
class VirtualHoldOffersTest {
    private static final Instant NOW = Instant.parse("2026-06-10T14:00:00Z");

    private static WaitingCall waiting(String linkedId, String queue, int secondsAgo, String number) {
        return new WaitingCall("pbx1", linkedId, queue, NOW.minusSeconds(secondsAgo), linkedId + ".1",
                "Local/1880@inbound-" + linkedId + ";2", number);
    }

    private static List<VirtualHoldOffers.Offer> offers(List<WaitingCall> waiting, Map<String, CallbackDao.Offer> s,
                                                        Set<String> offered, Optional<Duration> estimate) {
        return VirtualHoldOffers.offer(waiting, s, offered, n -> n != null && n.startsWith("+44"), q -> estimate,
                NOW);
    }

    @Test
    void aCallerIsOfferedOnceAfterTheQueuesWaitWithTheirPlaceInLine() {
        var settings = Map.of("repairs", new CallbackDao.Offer(30, 0));
        var waiting = List.of(waiting("a", "repairs", 45, "+441"), waiting("b", "repairs", 31, "+442"),
                waiting("c", "repairs", 10, "+443"), waiting("d", "returns", 90, "+444"));
        assertThat(offers(waiting, settings, Set.of(), Optional.empty())).extracting(o -> o.call().linkedId(),
                VirtualHoldOffers.Offer::info).containsExactly(org.assertj.core.groups.Tuple.tuple("a", "vhold:1"),
                org.assertj.core.groups.Tuple.tuple("b", "vhold:2"));
        assertThat(offers(waiting, settings, Set.of("pbx1/a"), Optional.empty())).extracting(o -> o.call().linkedId())
                .containsExactly("b");
    }

    @Test
    void aLongEstimateOffersAtOnceButNeverToACallerWhoCannotBeCalledBack() {
        var settings = Map.of("repairs", new CallbackDao.Offer(0, 120));
        var waiting = List.of(waiting("a", "repairs", 1, "+441"), waiting("b", "repairs", 0, "anonymous"),
                new WaitingCall("pbx1", "c", "repairs", NOW));
        assertThat(offers(waiting, settings, Set.of(), Optional.of(Duration.ofMinutes(3))))
                .extracting(o -> o.call().linkedId()).containsExactly("a");
        assertThat(offers(waiting, settings, Set.of(), Optional.of(Duration.ofMinutes(1)))).isEmpty();
        assertThat(offers(waiting, settings, Set.of(), Optional.empty())).isEmpty();
    }
}
