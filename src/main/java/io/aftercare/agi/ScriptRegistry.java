package io.aftercare.agi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;

/**
 * Maps a FastAGI script name ({@code agi://host/route} -> "route") to the script registered for it in code; no
 * classpath or properties scanning. An unknown name gives null, which asterisk-java answers by setting
 * AJ_AGISTATUS=NOT_FOUND and closing the session. Immutable after construction, thread-safe.
 */
public final class ScriptRegistry implements MappingStrategy {
    private final Map<String, AgiScript> scripts;

    private ScriptRegistry(Map<String, AgiScript> scripts) {
        this.scripts = Map.copyOf(scripts);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
        String script = request.getScript();
        return script == null ? null : scripts.get(script);
    }

    public Set<String> names() {
        return scripts.keySet();
    }

    /** Collects scripts by name; not thread-safe. */
    public static final class Builder {
        private final Map<String, AgiScript> scripts = new LinkedHashMap<>();

        public Builder register(String name, AgiScript script) {
            if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new IllegalArgumentException("script names are lower-case words: " + name);
            }
            if (scripts.putIfAbsent(name, script) != null) {
                throw new IllegalArgumentException("script registered twice: " + name);
            }
            return this;
        }

        public ScriptRegistry build() {
            return new ScriptRegistry(scripts);
        }
    }
}
