package io.aftercare.fake;

/**
 * A caller's number and name as the simulated PBX presents them, cleaned of control characters
 * when built; immutable and thread-safe.
 *
 * <p>An empty number or name means "not presented": AMI shows it as {@code <unknown>} and the AGI
 * environment as {@code unknown}, as Asterisk 22 does (agi-route.txt session 3).
 */
public record CallerId(String number, String name) {

    /** A caller who withholds the number, as agi-route.txt session 3 shows it. */
    public static final CallerId ANONYMOUS = new CallerId("anonymous", "");

    /** A caller with no caller ID at all. */
    public static final CallerId UNKNOWN = new CallerId("", "");

    private static final int MAX_LENGTH = 80;

    public CallerId {
        number = clean(number);
        name = clean(name);
    }

    /** A caller ID with a number and no name. */
    public static CallerId number(String number) {
        return new CallerId(number, "");
    }

    /** An AMI {@code CallerID} header ({@code "Name" <number>}, a bare number or a bare name), as ast_callerid_parse splits the usual forms. */
    static CallerId parseHeader(String raw) {
        String s = raw.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            String name = s.substring(0, lt).trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            return new CallerId(s.substring(lt + 1, gt).trim(), name);
        }
        return s.matches("[0-9*#+]+") ? number(s) : new CallerId("", s);
    }

    /** The number as AMI headers carry it. */
    String amiNumber() {
        return number.isEmpty() ? "<unknown>" : number;
    }

    /** The name as AMI headers carry it. */
    String amiName() {
        return name.isEmpty() ? "<unknown>" : name;
    }

    /** The number as the AGI environment carries it. */
    String agiNumber() {
        return number.isEmpty() ? "unknown" : number;
    }

    /** The name as the AGI environment carries it. */
    String agiName() {
        return name.isEmpty() ? "unknown" : name;
    }

    /**
     * Caller IDs come from outside (customer data, trunks): drop every control character so no
     * value can end an AMI header or an AGI line early, trim, and bound the length.
     */
    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_LENGTH));
        s.codePoints().filter(cp -> !Character.isISOControl(cp) && cp != 0x2028 && cp != 0x2029)
                .limit(MAX_LENGTH).forEach(sb::appendCodePoint);
        return sb.toString().strip();
    }
}
