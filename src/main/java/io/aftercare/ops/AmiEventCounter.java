package io.aftercare.ops;

import io.aftercare.telephony.events.PbxEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Counts the events each PBX sends ({@code aftercare_ami_events_total{pbx}}) on their way to call tracking. It runs
 * on asterisk-java's reader, so it only increments a counter and hands the event on. Thread-safe.
 */
public final class AmiEventCounter implements Consumer<PbxEvent> {
    private final MeterRegistry registry;
    private final Consumer<PbxEvent> next;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public AmiEventCounter(MeterRegistry registry, Consumer<PbxEvent> next) {
        this.registry = registry;
        this.next = next;
    }

    /** Counts an event from the PBX (not the Originates aftercare itself announces) and hands it on. */
    @Override
    public void accept(PbxEvent event) {
        if (!(event instanceof PbxEvent.OriginateSent)) {
            counter(event.pbxId()).increment();
        }
        next.accept(event);
    }

    /** Shows the PBX's counter at 0 before its first event, so a silent link is a flat line, not a gap. */
    public void expect(String pbxId) {
        counter(pbxId);
    }

    private Counter counter(String pbxId) {
        return counters.computeIfAbsent(pbxId, id -> Counter.builder("aftercare_ami_events")
                .description("Events received from the PBX over AMI").tag("pbx", id).register(registry));
    }
}
