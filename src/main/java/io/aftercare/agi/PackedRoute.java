package io.aftercare.agi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route script's answer as one channel variable, {@link DialplanVariables#ROUTE}: the values of
 * {@link DialplanVariables#PACKED_BY_ROUTE} in order, joined by {@code |}, which the dialplan splits with
 * {@code CUT(AC_ROUTE,|,N)}. A route then costs one AGI exchange, like the simplest script, instead of one per
 * variable (doc/benchmarks.md, "FastAGI route"). A {@code |} inside a value becomes {@code /}, so a field can
 * never shift the ones after it. Stateless and thread-safe.
 */
public final class PackedRoute {
    /** The field separator, the CUT() delimiter in {@code dialplan/extensions_aftercare.conf}. */
    public static final char SEPARATOR = '|';
    private static final List<String> FIELDS = DialplanVariables.PACKED_BY_ROUTE;

    private PackedRoute() {}

    /** Joins the values of the packed fields in order; a field absent from {@code values} is empty. */
    public static String pack(Map<String, String> values) {
        StringBuilder out = new StringBuilder(96);
        for (int i = 0; i < FIELDS.size(); i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            String value = values.get(FIELDS.get(i));
            if (value != null) {
                out.append(value.replace(SEPARATOR, '/'));
            }
        }
        return out.toString();
    }

    /**
     * What the dialplan's CUT() lines make of a packed value: each non-empty field under its variable name (an
     * empty field reads as unset in the dialplan). Used by the PBX simulator and the tests.
     */
    public static Map<String, String> unpack(String packed) {
        Map<String, String> out = new LinkedHashMap<>();
        if (packed == null || packed.isEmpty()) {
            return out;
        }
        String[] parts = packed.split("\\" + SEPARATOR, -1);
        for (int i = 0; i < FIELDS.size() && i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                out.put(FIELDS.get(i), parts[i]);
            }
        }
        return out;
    }
}
