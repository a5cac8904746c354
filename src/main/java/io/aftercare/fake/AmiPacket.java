package io.aftercare.fake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An AMI packet (action, response or event) as an ordered list of headers, duplicates kept;
 * immutable and thread-safe.
 */
public record AmiPacket(List<AmiHeader> headers) {

    public AmiPacket {
        if (headers == null || headers.isEmpty()) {
            throw new IllegalArgumentException("an AMI packet needs at least one header");
        }
        headers = List.copyOf(headers);
    }

    /** Builds a packet from alternating names and values, e.g. {@code of("Event", "Hangup", "Cause", "16")}. */
    public static AmiPacket of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<AmiHeader> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new AmiHeader(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new AmiPacket(list);
    }

    /** First value of the header, matched case-insensitively as Asterisk's astman_get_header does. */
    public Optional<String> get(String name) {
        for (AmiHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** Value of the header, or {@code ""} when absent (Asterisk treats both alike). */
    public String getOrEmpty(String name) {
        return get(name).orElse("");
    }

    /** All values of a header that may repeat, such as {@code Variable}. */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>();
        for (AmiHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return Collections.unmodifiableList(values);
    }

    public boolean isEvent() {
        return headers.get(0).name().equalsIgnoreCase("Event");
    }

    public boolean isResponse() {
        return headers.get(0).name().equalsIgnoreCase("Response");
    }

    public boolean isAction() {
        return headers.get(0).name().equalsIgnoreCase("Action");
    }

    /** The value of the first header: the event name, the response status or the action name. */
    public String type() {
        return headers.get(0).value();
    }

    /** A copy with {@code header} inserted at {@code index}. */
    public AmiPacket with(int index, AmiHeader header) {
        List<AmiHeader> list = new ArrayList<>(headers);
        list.add(index, header);
        return new AmiPacket(list);
    }

    /** A copy with {@code header} appended. */
    public AmiPacket plus(String name, String value) {
        return with(headers.size(), new AmiHeader(name, value));
    }

    /** The packet as it travels on the wire: CRLF after each header and a blank CRLF line. */
    public String toWire() {
        StringBuilder sb = new StringBuilder();
        for (AmiHeader h : headers) {
            sb.append(h.line()).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }
}
