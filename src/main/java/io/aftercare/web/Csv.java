package io.aftercare.web;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV lines as the API writes them (RFC 4180: comma-separated, CRLF, quoted when a cell holds a comma, quote or
 * line break; empty for null). A text cell a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * is prefixed with an apostrophe, unless it is a plain number such as an E.164 phone number ({@code +12125550123}),
 * which no spreadsheet runs; numbers are written as they are. Stateless.
 */
public final class Csv {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]{1,20}(\\.[0-9]{1,20})?");

    private Csv() {}

    /** Appends one line of {@code cells} to {@code out}. */
    public static StringBuilder line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n");
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(s).matches()) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
