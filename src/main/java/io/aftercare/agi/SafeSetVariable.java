package io.aftercare.agi;

import org.asteriskjava.fastagi.command.AbstractAgiCommand;

/**
 * SET VARIABLE built with {@link AgiText}: asterisk-java 3.42.2's own quoting escapes quotes and backslashes
 * and drops LF but keeps CR and every other control character, so aftercare builds the line itself. Immutable.
 */
public final class SafeSetVariable extends AbstractAgiCommand {
    private final String name;
    private final String value;

    public SafeSetVariable(String name, String value) {
        this.name = AgiText.variableName(name);
        this.value = value == null ? "" : value;
    }

    @Override
    public String buildCommand() {
        return "SET VARIABLE " + name + " " + AgiText.quote(value);
    }
}
