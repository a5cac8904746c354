package io.aftercare.agents;

import io.aftercare.core.ValidationException;
import java.util.regex.Pattern;

/**
 * The syntax of an agent's fields, checked before anything reaches the database or, later, a QueueAdd: login,
 * name, language, and interfaces as {@code Tech/resource} (a state interface may also be {@code hint:exten@context}
 * or {@code Custom:name}), never with whitespace, CR/LF, commas, '|' or ';'. Stateless.
 */
final class AgentFields {
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,19}/[A-Za-z0-9@/._+#*:=-]{1,100}");
    private static final Pattern STATE = Pattern.compile("(hint|Custom):[A-Za-z0-9@._+#*-]{1,100}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z0-9]{2,8})?");

    private AgentFields() {}

    static String login(String login) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new ValidationException("login must be 1 to 40 letters, digits, '-', '_' or '.' (such as 1001 or"
                    + " agent1), got '" + login + "'");
        }
        return login;
    }

    static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100 || n.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("name must be 1 to 100 characters without control characters");
        }
        return n;
    }

    static String memberInterface(String iface) {
        if (iface == null || !INTERFACE.matcher(iface).matches()) {
            throw new ValidationException("memberInterface must be Tech/resource such as PJSIP/1001 or"
                    + " Local/1001@from-queue/n, without spaces, commas, '|' or ';', got '" + printable(iface) + "'");
        }
        return iface;
    }

    static String stateInterface(String iface) {
        if (iface == null || iface.isEmpty()) {
            return "";
        }
        if (!INTERFACE.matcher(iface).matches() && !STATE.matcher(iface).matches()) {
            throw new ValidationException("stateInterface must be Tech/resource such as PJSIP/1001, hint:1001@ext-local"
                    + " or Custom:name (or empty), without spaces, commas, '|' or ';', got '" + printable(iface) + "'");
        }
        return iface;
    }

    static String language(String language) {
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new ValidationException("language must be an Asterisk language code such as en, fr or pt_BR, got '"
                    + printable(language) + "'");
        }
        return language;
    }

    /** Control characters shown escaped, so a message never carries a CR/LF on. */
    private static String printable(String s) {
        return s == null ? null : s.replace("\r", "\\r").replace("\n", "\\n").replaceAll("\\p{Cntrl}", "?");
    }
}
