package io.aftercare.ami;

/**
 * The one place where values bound for AMI actions are made safe: CR and LF would end the header and start a
 * new one, so they become spaces, and other control characters are dropped. Stateless.
 */
public final class AmiValues {
    private AmiValues() {}

    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                sb.append(' ');
            } else if (c >= ' ' && c != 0x7f) {
                sb.append(c);
            }
        }
        return sb.toString().strip();
    }
}
