package io.aftercare.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a keyset page ends: the sort key and id of its last row ({@code key} is the id again for lists ordered by
 * id alone). Clients get it as an opaque string, base64url of {@code key:id}, and send it back as {@code after};
 * anything that does not decode is a 400. Immutable.
 */
public record Cursor(long key, long id) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The position of a row in a list ordered by id alone. */
    public static Cursor ofId(long id) {
        return new Cursor(id, id);
    }

    public String encode() {
        return ENCODER.encodeToString((key + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a cursor a page gave out; a 400 for anything else. */
    public static Cursor decode(String raw) {
        try {
            String text = new String(DECODER.decode(raw), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new Cursor(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
            throw ApiException.badRequest("after '" + shown + "' is not a cursor this API gave out (use a page's"
                    + " nextCursor as it is)");
        }
    }
}
