package io.aftercare.agi;

import java.util.regex.Pattern;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;

/**
 * GET DATA and STREAM FILE written exactly as agi-survey.txt shows them ({@code GET DATA beep 4000 1},
 * {@code STREAM FILE beep ""}); asterisk-java 3.42.2 quotes the file name, which res_agi accepts but the
 * capture does not show. Sound names are checked again here, so nothing else can reach the line. Immutable.
 */
public final class AgiCommands {
    private static final Pattern SOUND = Pattern.compile("[A-Za-z0-9_/-]{1,128}");

    private AgiCommands() {}

    /** GET DATA for up to {@code maxDigits} digits; the reply's result is the digits, empty on a bare timeout. */
    public static AbstractAgiCommand getData(String sound, int timeoutMs, int maxDigits) {
        String line = "GET DATA " + sound(sound) + " " + timeoutMs + " " + maxDigits;
        return new Line(line);
    }

    /** STREAM FILE with no escape digits. */
    public static AbstractAgiCommand streamFile(String sound) {
        return new Line("STREAM FILE " + sound(sound) + " \"\"");
    }

    private static String sound(String sound) {
        if (sound == null || !SOUND.matcher(sound).matches()) {
            throw new IllegalArgumentException("not a safe sound file name");
        }
        return sound;
    }

    /** A prepared command line. */
    private static final class Line extends AbstractAgiCommand {
        private static final long serialVersionUID = 1L;
        private final String line;

        Line(String line) {
            this.line = line;
        }

        @Override
        public String buildCommand() {
            return line;
        }
    }
}
