package io.aftercare.ivr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An IVR menu as data: prompts per kind and language, digit options to a queue or a sub-menu, the GET DATA
 * timeout, how many retries after a timeout or invalid digit, and the queue a caller ends in after the last
 * retry. Also the request body of /api/ivr/menus (validated by {@link IvrMenuService}). Immutable.
 */
public record IvrMenu(String name, String description, String defaultLanguage, Integer timeoutMs, Integer maxRetries,
                      String defaultQueue, List<Prompt> prompts, List<Option> options) {
    /** The menu itself. */
    public static final String GREETING = "greeting";
    /** Played after a digit with no option, before the menu is offered again. */
    public static final String INVALID = "invalid";
    /** Prefix of the personal offer for a caller with an open case, e.g. case_repair. */
    public static final String CASE_PREFIX = "case_";

    public IvrMenu {
        description = description == null ? "" : description;
        defaultLanguage = defaultLanguage == null ? "en" : defaultLanguage;
        timeoutMs = timeoutMs == null ? 5000 : timeoutMs;
        maxRetries = maxRetries == null ? 2 : maxRetries;
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** An Asterisk sound file (no extension) to play for {@code kind} in {@code language}. Immutable. */
    public record Prompt(String kind, String language, String sound) {}

    /** Digit to a queue or (exclusively) a sub-menu. Immutable. */
    public record Option(String digit, String label, String queue, String submenu) {
        public Option {
            label = label == null ? "" : label;
        }
    }

    /** The prompt for {@code kind} in the caller's language, else in the menu's default language. */
    public Optional<String> prompt(String kind, String language) {
        Optional<String> exact = find(kind, language);
        return exact.isPresent() ? exact : find(kind, defaultLanguage);
    }

    public Optional<Option> option(String digit) {
        return options.stream().filter(o -> o.digit().equals(digit)).findFirst();
    }

    private Optional<String> find(String kind, String language) {
        return prompts.stream().filter(p -> p.kind().equals(kind) && Objects.equals(p.language(), language))
                .map(Prompt::sound).findFirst();
    }
}
