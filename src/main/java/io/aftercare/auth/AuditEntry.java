package io.aftercare.auth;

import java.time.Instant;

/**
 * One line of the audit trail: who (account, role, address) did what (method, path, action, detail) when, and
 * what the server answered. {@code id} is 0 until stored. Immutable.
 */
public record AuditEntry(long id, Instant at, Long accountId, String actor, String role, String address,
                         String method, String path, int status, String action, String detail) {
    /** Longest text kept in one field; the rest is cut so a hostile value cannot flood the log. */
    static final int MAX_FIELD = 200;

    public AuditEntry {
        actor = clean(actor == null ? "-" : actor);
        role = role == null ? null : clean(role);
        address = clean(address == null ? "?" : address);
        method = clean(method);
        path = clean(path);
        action = clean(action);
        detail = clean(detail == null ? "" : detail);
    }

    /** Control characters (CR, LF, ESC...) become '?': a value from outside never starts a line of its own. */
    static String clean(String value) {
        String cut = value.length() > MAX_FIELD ? value.substring(0, MAX_FIELD) + "..." : value;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
