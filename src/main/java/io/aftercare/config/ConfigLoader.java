package io.aftercare.config;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads {@link AftercareConfig}: the commented reference.yaml holds every default, then an optional file,
 * then AFTERCARE_SECTION_KEY environment variables. Unknown keys and bad values fail with the key named.
 * Stateless and thread-safe.
 */
public final class ConfigLoader {
    private static final String ENV_PREFIX = "AFTERCARE_";

    private ConfigLoader() {}

    public static AftercareConfig load(Optional<Path> file, Map<String, String> env) {
        Map<String, Setting> settings = readReference();
        file.ifPresent(path -> overlayFile(settings, path));
        overlayEnv(settings, env);
        return build(new Settings(settings));
    }

    /** The defaults alone, as the tests and tools start from. */
    public static AftercareConfig defaults() {
        return load(Optional.empty(), Map.of());
    }

    private record Setting(String value, String source) {}

    private static Map<String, Setting> readReference() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/reference.yaml")) {
            if (in == null) {
                throw new IllegalStateException("reference.yaml missing from the classpath");
            }
            Map<String, Setting> out = new LinkedHashMap<>();
            flatten(parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "reference.yaml"),
                    "reference.yaml", (key, value) -> out.put(key, new Setting(value, "reference.yaml")));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read reference.yaml", e);
        }
    }

    private static void overlayFile(Map<String, Setting> settings, Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ConfigException("config file " + path + " cannot be read: " + e.getMessage());
        }
        flatten(parse(text, path.toString()), path.toString(), (key, value) -> {
            if (!settings.containsKey(key)) {
                throw new ConfigException("unknown key '" + key + "' in " + path);
            }
            settings.put(key, new Setting(value, path + " (" + key + ")"));
        });
    }

    private static void overlayEnv(Map<String, Setting> settings, Map<String, String> env) {
        env.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX)) {
                return;
            }
            String key = envKey(name.substring(ENV_PREFIX.length()), settings);
            settings.put(key, new Setting(value, name));
        });
    }

    /** Maps DB_URL to db.url, PHONE_DEFAULT_REGION to phone.default_region, against the known keys. */
    private static String envKey(String rest, Map<String, Setting> settings) {
        for (String key : settings.keySet()) {
            if (key.replace('.', '_').toUpperCase(Locale.ROOT).equals(rest)) {
                return key;
            }
        }
        throw new ConfigException("unknown environment variable " + ENV_PREFIX + rest
                + " (known keys: " + String.join(", ", settings.keySet()) + ")");
    }

    private static Object parse(String text, String source) {
        try {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            return root == null ? Map.of() : root;
        } catch (RuntimeException e) {
            throw new ConfigException(source + " is not valid YAML: " + e.getMessage());
        }
    }

    private static void flatten(Object node, String source, java.util.function.BiConsumer<String, String> sink) {
        if (!(node instanceof Map<?, ?> sections)) {
            throw new ConfigException(source + ": expected sections such as 'http:' at the top level");
        }
        sections.forEach((section, body) -> {
            if (!(body instanceof Map<?, ?> keys)) {
                throw new ConfigException(source + ": section '" + section + "' must hold keys");
            }
            keys.forEach((key, value) -> {
                if (value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
                    throw new ConfigException(source + ": '" + section + "." + key + "' must be a plain value");
                }
                sink.accept(section + "." + key, value == null ? "" : String.valueOf(value));
            });
        });
    }

    private static AftercareConfig build(Settings s) {
        var http = new AftercareConfig.Http(s.text("http.bind"), s.port("http.port"),
                s.integer("http.max_body_bytes", 1024, 1 << 30), s.millis("http.idle_timeout_ms", 1_000),
                s.millis("http.request_timeout_ms", 100), s.integer("http.max_connections", 1, 1_000_000));
        var agi = new AftercareConfig.Agi(s.text("agi.bind"), s.port("agi.port"),
                s.integer("agi.max_sessions", 1, 100_000), s.millis("agi.read_timeout_ms", 100),
                s.millis("agi.route_budget_ms", 10), s.identifier("agi.fallback_queue"), s.zone("agi.time_zone"),
                s.integer("agi.lookup_threads", 1, 256),
                new AftercareConfig.Directory(s.bool("agi.directory_enabled"), s.millis("agi.directory_poll_ms", 10),
                        s.millis("agi.directory_reload_ms", 1_000)));
        var ami = new AftercareConfig.Ami(s.identifier("ami.pbx_id"), s.optionalText("ami.host"),
                s.port("ami.port"), s.optionalText("ami.user"), s.optionalText("ami.secret"),
                s.millis("ami.reconnect_initial_ms", 10), s.millis("ami.reconnect_max_ms", 10),
                s.millis("ami.ping_interval_ms", 100), s.pbxs("ami.more_pbxs", "ami.pbx_id"),
                s.millis("ami.reconcile_interval_ms", 0));
        var calls = new AftercareConfig.Calls(s.holdMethod("calls.hold_method"), s.dialplanName("calls.transfer_context"),
                s.millis("calls.consult_wait_ms", 500), s.dialplanName("calls.outbound_context"),
                s.text("calls.customer_channel_template"), s.text("calls.outbound_caller_id"),
                s.millis("calls.agent_ring_timeout_ms", 5_000));
        var db = new AftercareConfig.Db(s.jdbcUrl("db.url"), s.optionalText("db.user"),
                s.optionalText("db.password"), s.integer("db.pool_size", 1, 500), s.millis("db.busy_timeout_ms", 0));
        var auth = new AftercareConfig.Auth(Duration.ofMinutes(s.integer("auth.session_ttl_minutes", 5, 60 * 24 * 30)),
                s.integer("auth.bcrypt_cost", 4, 16), s.optionalText("auth.admin_password"),
                Duration.ofSeconds(s.integer("auth.login_window_seconds", 1, 86_400)),
                s.integer("auth.max_failures_per_user", 1, 10_000), s.integer("auth.max_failures_per_address", 1, 100_000));
        var phone = new AftercareConfig.Phone(s.region("phone.default_region"));
        var demo = new AftercareConfig.Demo(s.integer("demo.customers", 0, 10_000_000),
                s.integer("demo.seed", Integer.MIN_VALUE, Integer.MAX_VALUE),
                s.integer("demo.calls_per_hour", 0, 3_600_000), s.integer("demo.speed", 1, 100),
                Path.of(s.text("demo.db_path")));
        var surveys = new AftercareConfig.Surveys(s.bool("surveys.enabled"), s.text("surveys.channel_template"),
                s.text("surveys.hotline_caller_id"), s.text("surveys.context"), s.text("surveys.exten"),
                s.integer("surveys.max_concurrent", 1, 10_000), s.integer("surveys.calls_per_second", 1, 1_000),
                s.millis("surveys.ring_timeout_ms", 15_000), s.millis("surveys.response_grace_ms", 1_000),
                Duration.ofMinutes(s.integer("surveys.survey_max_minutes", 1, 120)),
                s.integer("surveys.max_attempts", 1, 20),
                Duration.ofMinutes(s.integer("surveys.retry_backoff_minutes", 1, 7 * 24 * 60)),
                Duration.ofHours(s.integer("surveys.validity_hours", 1, 24 * 60)),
                Duration.ofDays(s.integer("surveys.min_days_between", 0, 3_650)),
                Duration.ofMinutes(s.integer("surveys.aftersales_delay_minutes", 0, 60 * 24 * 14)),
                s.millis("surveys.tick_ms", 50), s.integer("surveys.batch_size", 1, 10_000),
                s.text("surveys.window_default"), s.optionalText("surveys.window_countries"),
                s.optionalText("surveys.holidays"), s.zone("surveys.unknown_zone"), s.text("surveys.languages"),
                s.identifier("surveys.supervisor_queue"));
        var wallboard = new AftercareConfig.Wallboard(s.pauseLimits("wallboard.pause_limits"),
                Duration.ofMinutes(s.integer("wallboard.pause_limit_other_minutes", 1, 24 * 60)),
                Duration.ofMinutes(s.integer("wallboard.pause_grace_minutes", 0, 24 * 60)));
        var followUps = new AftercareConfig.FollowUps(s.text("followups.mailbox"),
                s.optionalText("followups.voicemail_spool"),
                Duration.ofMinutes(s.integer("followups.contact_window_minutes", 1, 24 * 60)),
                s.millis("followups.callback_retry_ms", 1_000));
        return new AftercareConfig(http, agi, ami, calls, db, auth, phone, demo, surveys, wallboard, followUps);
    }

    /** Typed reads of the merged settings; every error names the key and where its value came from. */
    private record Settings(Map<String, Setting> values) {
        private Setting get(String key) {
            Setting setting = values.get(key);
            if (setting == null) {
                throw new IllegalStateException("no default for " + key + " in reference.yaml");
            }
            return setting;
        }

        private ConfigException bad(String key, String expected) {
            Setting setting = get(key);
            return new ConfigException(key + " (from " + setting.source() + "): expected " + expected
                    + ", got '" + setting.value() + "'");
        }

        String optionalText(String key) {
            return get(key).value().strip();
        }

        String text(String key) {
            String value = optionalText(key);
            if (value.isEmpty()) {
                throw bad(key, "a value");
            }
            return value;
        }

        String identifier(String key) {
            String value = optionalText(key);
            if (!value.matches("[A-Za-z0-9_-]{1,32}")) {
                throw bad(key, "1-32 letters, digits, '-' or '_'");
            }
            return value;
        }

        /** A dialplan context name: letters, digits, '-' and '_'. */
        String dialplanName(String key) {
            String value = optionalText(key);
            if (!value.matches("[A-Za-z0-9_-]{1,79}")) {
                throw bad(key, "a dialplan context: 1-79 letters, digits, '-' or '_'");
            }
            return value;
        }

        AftercareConfig.HoldMethod holdMethod(String key) {
            return switch (optionalText(key).toLowerCase(Locale.ROOT)) {
                case "notify" -> AftercareConfig.HoldMethod.NOTIFY;
                case "none" -> AftercareConfig.HoldMethod.NONE;
                default -> throw bad(key, "notify or none");
            };
        }

        int integer(String key, int min, int max) {
            try {
                int value = Integer.parseInt(optionalText(key));
                if (value < min || value > max) {
                    throw bad(key, "a whole number from " + min + " to " + max);
                }
                return value;
            } catch (NumberFormatException e) {
                throw bad(key, "a whole number from " + min + " to " + max);
            }
        }

        boolean bool(String key) {
            String value = optionalText(key).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw bad(key, "true or false");
            }
            return Boolean.parseBoolean(value);
        }

        int port(String key) {
            return integer(key, 0, 65535);
        }

        Duration millis(String key, int min) {
            return Duration.ofMillis(integer(key, min, Integer.MAX_VALUE));
        }

        String jdbcUrl(String key) {
            String value = text(key);
            if (!value.startsWith("jdbc:sqlite:") && !value.startsWith("jdbc:postgresql:")) {
                throw bad(key, "a jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB URL");
            }
            return value;
        }

        java.time.ZoneId zone(String key) {
            try {
                return java.time.ZoneId.of(text(key));
            } catch (java.time.DateTimeException e) {
                throw bad(key, "an IANA time zone such as UTC or Europe/Paris");
            }
        }

        /** {@code id=user:secret@host:port}, comma-separated; ids unique and unlike the main PBX's. */
        java.util.List<AftercareConfig.Pbx> pbxs(String key, String mainIdKey) {
            java.util.List<AftercareConfig.Pbx> out = new java.util.ArrayList<>();
            java.util.Set<String> ids = new java.util.HashSet<>(java.util.Set.of(optionalText(mainIdKey)));
            String expected = "comma-separated id=user:secret@host:port entries";
            for (String entry : optionalText(key).split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                var m = java.util.regex.Pattern.compile("([A-Za-z0-9_-]{1,32})=([^:@]+):(.*)@([^@:]+):(\\d{1,5})")
                        .matcher(e);
                if (!m.matches() || Integer.parseInt(m.group(5)) > 65535 || !ids.add(m.group(1))) {
                    throw bad(key, expected + " with unique ids other than " + mainIdKey);
                }
                out.add(new AftercareConfig.Pbx(m.group(1), m.group(4), Integer.parseInt(m.group(5)), m.group(2),
                        m.group(3)));
            }
            return out;
        }

        /** {@code reason=minutes}, comma-separated: reasons unique ignoring case, 1 to 1440 minutes each. */
        Map<String, Duration> pauseLimits(String key) {
            Map<String, Duration> out = new LinkedHashMap<>();
            String expected = "comma-separated reason=minutes entries (e.g. break=15,lunch=60), reasons unique,"
                    + " 1 to 1440 minutes";
            for (String entry : optionalText(key).split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                var m = java.util.regex.Pattern.compile("([^=\\s][^=]{0,63}?)\\s*=\\s*(\\d{1,4})").matcher(e);
                if (!m.matches()) {
                    throw bad(key, expected);
                }
                int minutes = Integer.parseInt(m.group(2));
                String reason = m.group(1).strip().toLowerCase(Locale.ROOT);
                if (minutes < 1 || minutes > 24 * 60 || out.put(reason, Duration.ofMinutes(minutes)) != null) {
                    throw bad(key, expected);
                }
            }
            return out;
        }

        String region(String key) {
            String value = text(key).toUpperCase(Locale.ROOT);
            if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(value)) {
                throw bad(key, "an ISO 3166 region known to libphonenumber such as US, GB or FR");
            }
            return value;
        }
    }
}
