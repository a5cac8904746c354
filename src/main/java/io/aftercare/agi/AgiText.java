package io.aftercare.agi;

import java.util.regex.Pattern;

/**
 * The one place where text bound for the PBX is made safe: control characters (CR, LF, NUL, Unicode line
 * separators) are removed so no value can end a command line, {@code $} is dropped so no value can read as a
 * dialplan expression, and quotes and backslashes are escaped inside the double quotes res_agi parses.
 * Stateless and thread-safe.
 */
public final class AgiText {
    /** Longest value aftercare ever sets; anything longer is cut. */
    public static final int MAX_VALUE = 256;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\([a-z_]{1,32}\\))?");

    private AgiText() {}

    /** Removes characters that could end a command line or start a dialplan expression, and caps the length. */
    public static String clean(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE));
        for (int i = 0; i < value.length() && out.length() < MAX_VALUE; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '$'
                    || Character.isSurrogate(c) && !validPair(value, i)) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** {@link #clean} then wraps in double quotes with quotes and backslashes escaped, as res_agi reads them. */
    public static String quote(String value) {
        String clean = clean(value);
        StringBuilder out = new StringBuilder(clean.length() + 2).append('"');
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** A channel variable or function name aftercare may set: letters, digits, '_' and one (argument). */
    public static String variableName(String name) {
        if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe channel variable name: " + name);
        }
        return name;
    }

    /** Raw caller text made printable for logs and storage (the same cleaning, a shorter cap). */
    public static String printable(String raw, int max) {
        String clean = clean(raw);
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
