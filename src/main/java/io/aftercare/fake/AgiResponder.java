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
 * Computes Asterisk 22's reply to each FastAGI command for one call (reply texts from agi-route.txt,
 * agi-survey.txt, captures/agi-dead-channel.txt and res_agi.c), including what a dead channel answers: once
 * the script sent HANGUP or the caller hung up, Asterisk writes one {@code HANGUP} line of its own and then
 * answers only the commands res_agi allows on a dead channel, every other one with 511. Not thread-safe, one
 * instance per session.
 */
final class AgiResponder {

    static final String DEAD_CHANNEL = "511 Command Not Permitted on a dead channel or intercept routine";
    static final String UNKNOWN = "510 Invalid or unknown command";
    /** The line res_agi writes to a FastAGI script, once, when it notices the channel hung up. */
    static final String HANGUP_NOTICE = "HANGUP";
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}]*)}");
    /** Commands that wait on the channel (prompts, digits): a caller hanging up meanwhile ends them with -1. */
    private static final List<String> WAITING = List.of("STREAM FILE ", "CONTROL STREAM FILE ", "GET DATA ",
            "GET OPTION ", "WAIT FOR DIGIT ", "SAY ", "RECORD FILE ", "EXEC ");

    /** res_agi's command names (Asterisk 22's table); anything else is 510, dead channel or not. */
    private static final List<String> COMMANDS = List.of("ANSWER", "ASYNCAGI BREAK", "CHANNEL STATUS",
            "CONTROL STREAM FILE", "DATABASE DEL", "DATABASE DELTREE", "DATABASE GET", "DATABASE PUT", "EXEC",
            "GET DATA", "GET FULL VARIABLE", "GET OPTION", "GET VARIABLE", "GOSUB", "HANGUP", "NOOP", "RECEIVE CHAR",
            "RECEIVE TEXT", "RECORD FILE", "SAY ALPHA", "SAY DATE", "SAY DATETIME", "SAY DIGITS", "SAY NUMBER",
            "SAY PHONETIC", "SAY TIME", "SEND IMAGE", "SEND TEXT", "SET AUTOHANGUP", "SET CALLERID", "SET CONTEXT",
            "SET EXTENSION", "SET MUSIC", "SET PRIORITY", "SET VARIABLE", "SPEECH ACTIVATE GRAMMAR", "SPEECH CREATE",
            "SPEECH DEACTIVATE GRAMMAR", "SPEECH DESTROY", "SPEECH LOAD GRAMMAR", "SPEECH RECOGNIZE", "SPEECH SET",
            "SPEECH UNLOAD GRAMMAR", "STREAM FILE", "TDD MODE", "VERBOSE", "WAIT FOR DIGIT");

    private final Map<String, String> env;
    private final Map<String, String> channelVariables = new LinkedHashMap<>();
    private final Map<String, String> variablesSet = new LinkedHashMap<>();
    private final Deque<String> getDataReplies;
    private final Deque<String> waitForDigitReplies;
    private final List<String> digitsPlayed = new ArrayList<>();
    private final long streamEndpos;
    /** The channel is gone: only the dead-channel commands are answered. */
    private boolean dead;

    AgiResponder(Map<String, String> env, Map<String, String> presetVariables, List<String> getDataReplies,
            List<String> waitForDigitReplies, long streamEndpos) {
        this.env = env;
        this.channelVariables.putAll(presetVariables);
        this.getDataReplies = new ArrayDeque<>(getDataReplies);
        this.waitForDigitReplies = new ArrayDeque<>(waitForDigitReplies);
        this.streamEndpos = streamEndpos;
    }

    boolean dead() {
        return dead;
    }

    /**
     * The caller hangs up; true when the channel was still up, and the HANGUP notice is then due (Asterisk sends it
     * as soon as it notices, between commands).
     */
    boolean callerHangsUp() {
        boolean wasUp = !dead;
        dead = true;
        return wasUp;
    }

    /**
     * The reply to a command the caller hangs up during: a command that waits on the channel ends with -1 (as the
     * capture shows for STREAM FILE, GET DATA and WAIT FOR DIGIT; for the other waiting commands res_agi's handlers
     * return -1 alike), any other completes as usual. Marks the channel dead.
     */
    String interruptedReply(String line) {
        String words = String.join(" ", AgiArgs.parse(line)).toUpperCase(Locale.ROOT) + " ";
        String reply = dead || WAITING.stream().noneMatch(words::startsWith) ? reply(line)
                : words.startsWith("STREAM FILE ") || words.startsWith("CONTROL STREAM FILE ")
                ? "200 result=-1 endpos=" + streamEndpos : "200 result=-1";
        dead = true;
        return reply;
    }

    Map<String, String> variablesSet() {
        return variablesSet;
    }

    List<String> digitsPlayed() {
        return digitsPlayed;
    }

    /** The reply to one command line; after a HANGUP command the channel is dead (the notice is then due). */
    String reply(String line) {
        List<String> argv = AgiArgs.parse(line);
        String words = String.join(" ", argv).toUpperCase(Locale.ROOT);
        int argc = argv.size();
        if (argc == 0) {
            return UNKNOWN;
        }
        if (dead && !allowedWhenDead(words)) {
            // res_agi looks the command up and refuses it before running it: nothing it would do happens
            return COMMANDS.stream().anyMatch(c -> words.equals(c) || words.startsWith(c + " ")) ? DEAD_CHANNEL
                    : UNKNOWN;
        }
        String reply = alive(words, argv, argc);
        if (words.equals("HANGUP") || words.startsWith("HANGUP ")) {
            dead = true;
        }
        return reply;
    }

    /**
     * res_agi's commands marked as allowed on a dead channel, among those the fake answers (the capture: GET
     * VARIABLE, GET FULL VARIABLE, SET VARIABLE, VERBOSE, NOOP and EXEC answer; ANSWER, HANGUP, STREAM FILE, GET
     * DATA, WAIT FOR DIGIT, SAY, CHANNEL STATUS and SET CONTEXT, EXTENSION, PRIORITY, CALLERID get 511).
     */
    private static boolean allowedWhenDead(String words) {
        return words.startsWith("GET VARIABLE ") || words.startsWith("GET FULL VARIABLE ")
                || words.startsWith("SET VARIABLE ") || words.startsWith("VERBOSE ") || words.equals("NOOP")
                || words.startsWith("NOOP ") || words.startsWith("EXEC ") || words.startsWith("DATABASE ");
    }

    /** What a live channel answers; SET VARIABLE's and GET DATA's effects happen here. */
    private String alive(String words, List<String> argv, int argc) {
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
