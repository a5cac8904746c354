package io.aftercare.fake;

/**
 * One AMI header line ({@code Name: value}); immutable and thread-safe.
 *
 * <p>The constructor refuses CR and LF anywhere, and a colon in the name, so that no value a
 * test passes in can ever split into a second header or end the packet early.
 */
public record AmiHeader(String name, String value) {

    public AmiHeader {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("AMI header name must not be empty");
        }
        if (value == null) {
            throw new IllegalArgumentException("AMI header " + name + " has a null value");
        }
        if (containsLineBreak(name) || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("AMI header name contains CR, LF or ':': " + printable(name));
        }
        if (containsLineBreak(value)) {
            throw new IllegalArgumentException("AMI header " + name + " value contains CR or LF: " + printable(value));
        }
    }

    /** Parses one transcript or wire line {@code Name: value}; the value keeps trailing blanks. */
    public static AmiHeader parse(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not an AMI header line: " + printable(line));
        }
        String value = line.substring(colon + 1);
        // Asterisk always writes exactly one blank after the colon; clients may omit it.
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        return new AmiHeader(line.substring(0, colon), value);
    }

    /** The header as Asterisk writes it, without line terminator. */
    public String line() {
        return name + ": " + value;
    }

    private static boolean containsLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
