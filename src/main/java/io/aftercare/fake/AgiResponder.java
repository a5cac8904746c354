package io.aftercare.fake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes Asterisk 22's reply to each FastAGI command for one call (reply texts from
 * agi-route.txt, agi-survey.txt and res_agi.c); not thread-safe, one instance per session.
 */
final class AgiResponder {

    static final String DEAD_CHANNEL = "511 Command Not Permitted on a dead channel or intercept routine";
    static final String UNKNOWN = "510 Invalid or unknown command";
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> env;
    private final Map<String, String> channelVariables = new LinkedHashMap<>();
    private final Map<String, String> variablesSet = new LinkedHashMap<>();
    private final Deque<String> getDataReplies;
    private final Deque<String> waitForDigitReplies;
    private final List<String> digitsPlayed = new ArrayList<>();
    private final long streamEndpos;
    /** Once set, every further command gets this line (HANGUP or 511). */
    private String deadReply;

    AgiResponder(Map<String, String> env, Map<String, String> presetVariables, List<String> getDataReplies,
            List<String> waitForDigitReplies, long streamEndpos) {
        this.env = env;
        this.channelVariables.putAll(presetVariables);
        this.getDataReplies = new ArrayDeque<>(getDataReplies);
        this.waitForDigitReplies = new ArrayDeque<>(waitForDigitReplies);
        this.streamEndpos = streamEndpos;
    }

    /** The caller hung up: answer every further command with {@code reply}. */
    void channelGone(String reply) {
        if (deadReply == null) {
            deadReply = reply;
        }
    }

    Map<String, String> variablesSet() {
        return variablesSet;
    }

    List<String> digitsPlayed() {
        return digitsPlayed;
    }

    String reply(String line) {
        if (deadReply != null) {
            return deadReply;
        }
        List<String> argv = AgiArgs.parse(line);
        String words = String.join(" ", argv).toUpperCase(Locale.ROOT);
        int argc = argv.size();
        if (argc == 0) {
            return UNKNOWN;
        }
        if (words.startsWith("SET VARIABLE ") && argc == 4) {
            channelVariables.put(argv.get(2), argv.get(3));
            variablesSet.put(argv.get(2), argv.get(3));
            return "200 result=1";
        }
        if (words.startsWith("GET FULL VARIABLE ") && argc >= 4) {
            return "200 result=1 (" + substitute(argv.get(3)) + ")";
        }
        if (words.startsWith("GET VARIABLE ") && argc == 3) {
            String value = lookup(argv.get(2));
            return value == null ? "200 result=0" : "200 result=1 (" + value + ")";
        }
        if (words.startsWith("GET DATA ") && argc >= 3) {
            return getData(argc >= 5 ? parseInt(argv.get(4)) : 1024);
        }
        if (words.startsWith("WAIT FOR DIGIT ") && argc == 4) {
            String digit = waitForDigitReplies.isEmpty() ? "" : waitForDigitReplies.removeFirst();
            if (digit.isEmpty()) {
                return "200 result=0";
            }
            digitsPlayed.add(digit.substring(0, 1));
            return "200 result=" + (int) digit.charAt(0);
        }
        if (words.startsWith("STREAM FILE ") && argc >= 4) {
            return "200 result=0 endpos=" + streamEndpos;
        }
        if ((words.startsWith("SAY NUMBER ") || words.startsWith("SAY DIGITS ")) && argc >= 4) {
            return "200 result=0";
        }
        if (words.startsWith("EXEC ") && argc >= 2) {
            return "200 result=0";
        }
        if (words.startsWith("VERBOSE ") && argc >= 2) {
            return "200 result=1";
        }
        if (words.equals("ANSWER")) {
            return "200 result=0";
        }
        if (words.equals("HANGUP") || words.startsWith("HANGUP ")) {
            // agi-survey.txt: after HANGUP the next command only gets the bare line "HANGUP".
            deadReply = "HANGUP";
            return "200 result=1";
        }
        if (words.startsWith("SET CONTEXT ") || words.startsWith("SET EXTENSION ") || words.startsWith("SET PRIORITY ")
                || words.equals("NOOP") || words.startsWith("NOOP ")) {
            return "200 result=0";
        }
        if (words.startsWith("SET CALLERID ")) {
            return "200 result=1";
        }
        if (words.equals("CHANNEL STATUS") || words.startsWith("CHANNEL STATUS ")) {
            return "200 result=6"; // AST_STATE_UP
        }
        return UNKNOWN;
    }

    /**
     * res_agi handle_getdata: all digits (or # typed) gives {@code 200 result=<digits>}; fewer
     * digits than asked means Asterisk waited the timeout: {@code 200 result=<digits> (timeout)},
     * which for no digit at all is {@code 200 result= (timeout)}.
     */
    private String getData(int maxDigits) {
        String scripted = getDataReplies.isEmpty() ? "" : getDataReplies.removeFirst();
        boolean terminated = scripted.endsWith("#");
        String digits = terminated ? scripted.substring(0, scripted.length() - 1) : scripted;
        if (digits.length() > maxDigits) {
            digits = digits.substring(0, maxDigits);
        }
        if (!digits.isEmpty()) {
            digitsPlayed.add(digits);
        }
        boolean timedOut = !terminated && digits.length() < maxDigits;
        return "200 result=" + digits + (timedOut ? " (timeout)" : "");
    }

    private String lookup(String name) {
        String value = channelVariables.get(name);
        if (value != null) {
            return value;
        }
        return switch (name) {
            case "CHANNEL" -> env.get("agi_channel");
            case "UNIQUEID" -> env.get("agi_uniqueid");
            case "CONTEXT" -> env.get("agi_context");
            case "EXTEN" -> env.get("agi_extension");
            case "PRIORITY" -> env.get("agi_priority");
            case "LANGUAGE()", "CHANNEL(language)" -> env.get("agi_language");
            case "CALLERID(num)" -> env.get("agi_callerid");
            case "CALLERID(name)" -> env.get("agi_calleridname");
            default -> null;
        };
    }

    /** pbx_substitute_variables: each ${NAME} becomes its value, unknown names become empty. */
    private String substitute(String expression) {
        Matcher m = SUBSTITUTION.matcher(expression);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = lookup(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 1024;
        }
    }
}
