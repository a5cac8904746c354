package io.aftercare.ami;

import io.aftercare.fake.AmiHeader;
import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.Transcript;
import io.aftercare.telephony.events.PbxEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * AMI events captured from the real Asterisk (test resources {@code pbx-captures/}, cut from a
 * {@code harness-ami.log} of the real-PBX suite: one call's events of the classes aftercare's account reads) turned
 * into asterisk-java's own event beans by its own event builder, as its reader does, and through {@link
 * AmiTranslator}: the translator and the trackers tested on what the PBX really says, without a socket.
 * Stateless.
 */
public final class CapturedEvents {
    private CapturedEvents() {}

    /** The capture's events as asterisk-java beans, in wire order; events asterisk-java has no class for are left out. */
    public static List<ManagerEvent> beans(String resource) {
        return Transcript.parseAmi(Transcript.resource(resource)).events().stream().map(CapturedEvents::bean)
                .filter(Objects::nonNull).toList();
    }

    /** One captured event as asterisk-java's event builder makes it; null when asterisk-java has no class for it. */
    public static ManagerEvent bean(AmiPacket event) {
        try {
            return (ManagerEvent) BUILD.invoke(BUILDER.get(), CapturedEvents.class, attributes(event));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("asterisk-java's event builder changed", e);
        }
    }

    /** asterisk-java's builder is package-private; its reader is the only other way in, and needs a socket. */
    private static final Method BUILD;
    /** One builder a thread (making one registers every event class: too slow for each event). */
    private static final ThreadLocal<Object> BUILDER;

    static {
        try {
            Class<?> type = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl");
            Constructor<?> create = type.getDeclaredConstructor();
            create.setAccessible(true);
            BUILD = type.getMethod("buildEvent", Object.class, Map.class);
            BUILD.setAccessible(true);
            BUILDER = ThreadLocal.withInitial(() -> {
                try {
                    return create.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("asterisk-java's event builder changed", e);
                }
            });
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("asterisk-java's event builder changed", e);
        }
    }

    /** The capture's events as {@link PbxEvent}s of PBX {@code pbxId}, as the AMI link hands them on. */
    public static List<PbxEvent> translated(String pbxId, String resource) {
        return beans(resource).stream().map(e -> AmiTranslator.translate(pbxId, e, Instant.EPOCH))
                .filter(Objects::nonNull).toList();
    }

    /** One event as the AMI link hands it on for PBX {@code pbxId}, or null when aftercare skips it. */
    public static PbxEvent translated(String pbxId, AmiPacket event) {
        ManagerEvent bean = bean(event);
        return bean == null ? null : AmiTranslator.translate(pbxId, bean, Instant.EPOCH);
    }

    /** Header names lower-cased, a repeated header as a list: what asterisk-java's reader gives its builder. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(AmiPacket packet) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (AmiHeader h : packet.headers()) {
            map.merge(h.name().toLowerCase(Locale.ROOT), h.value(), (old, neu) -> {
                List<Object> all = old instanceof List<?> l ? (List<Object>) l : new ArrayList<>(List.of(old));
                all.add(neu);
                return all;
            });
        }
        return map;
    }
}
