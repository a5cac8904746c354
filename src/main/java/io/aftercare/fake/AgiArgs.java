package io.aftercare.fake;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an AGI command line into arguments the way res_agi.c's parse_args does (blanks separate,
 * double quotes group and are removed, a backslash takes the next character literally); stateless
 * and thread-safe.
 */
final class AgiArgs {

    private AgiArgs() {
    }

    static List<String> parse(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"' && !escaped) {
                quoted = !quoted;
                // Opening quotes start an argument even if it stays empty, as in `STREAM FILE beep ""`.
                if (quoted && cur == null) {
                    cur = new StringBuilder();
                }
            } else if ((ch == ' ' || ch == '\t') && !quoted && !escaped) {
                if (cur != null) {
                    args.add(cur.toString());
                    cur = null;
                }
            } else if (ch == '\\' && !escaped) {
                escaped = true;
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(ch);
                escaped = false;
            }
        }
        if (cur != null) {
            args.add(cur.toString());
        }
        return args;
    }
}
