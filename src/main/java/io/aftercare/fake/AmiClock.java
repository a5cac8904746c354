package io.aftercare.fake;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats times from an injectable clock the way Asterisk 22 writes them in AMI; thread-safe when
 * the clock is.
 */
record AmiClock(Clock clock) {

    private static final DateTimeFormatter EVENT_TV =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    Instant now() {
        return clock.instant();
    }

    /** {@code <epoch seconds>.<6 digits micros>}, as in {@code Timestamp:} and the Ping reply. */
    String timestamp() {
        Instant now = now();
        return String.format("%d.%06d", now.getEpochSecond(), now.getNano() / 1000);
    }

    /** Whole epoch seconds, as in {@code LoginTime:} and {@code LastPause:}. */
    long seconds() {
        return now().getEpochSecond();
    }

    /** {@code 2026-11-22T09:57:27.595+0000}, as in security events' {@code EventTV}. */
    String eventTv(Instant instant) {
        return EVENT_TV.format(instant);
    }

    /**
     * Inserts {@code Timestamp} after {@code Privilege} (or after {@code Event} when there is no
     * Privilege), where Asterisk puts it with {@code timestampevents = yes}; keeps one if present.
     */
    AmiPacket stamp(AmiPacket event) {
        if (event.get("Timestamp").isPresent()) {
            return event;
        }
        int at = 1;
        if (event.headers().size() > 1 && event.headers().get(1).name().equalsIgnoreCase("Privilege")) {
            at = 2;
        }
        return event.with(at, new AmiHeader("Timestamp", timestamp()));
    }
}
