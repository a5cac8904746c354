package io.aftercare.agi;

import java.util.Map;
import org.asteriskjava.fastagi.AgiRequest;

/**
 * The parts of an AGI environment aftercare uses, read once from the raw {@code agi_*} values and cleaned of
 * control characters; caller-controlled text is kept only for logs and storage, never sent back. The first
 * argument is {@code agi_arg_1} ({@code AGI(agi://host/script,ARG)}), read from the map rather than through
 * asterisk-java's {@code getArguments()}, which throws on a key like {@code agi_arg_x}. Immutable.
 */
public record AgiCall(String script, String uniqueId, String channel, String callerIdRaw, String callerIdName,
                      String dnid, String extension, String language, String firstArgument) {
    private static final int MAX_FIELD = 128;

    /** Reads the request; missing keys become empty strings, never null. */
    public static AgiCall of(AgiRequest request) {
        Map<String, String> env = request.getRequest();
        return new AgiCall(field(request.getScript()), field(raw(env, "uniqueid")), field(raw(env, "channel")),
                field(raw(env, "callerid")), field(raw(env, "calleridname")), field(raw(env, "dnid")),
                field(raw(env, "extension")), field(raw(env, "language")), field(raw(env, "arg_1")));
    }

    private static String raw(Map<String, String> env, String key) {
        if (env == null) {
            return "";
        }
        String value = env.get(key);
        return value != null ? value : env.getOrDefault("agi_" + key, "");
    }

    private static String field(String value) {
        return AgiText.printable(value, MAX_FIELD).strip();
    }
}
