package io.aftercare.config;

/** A configuration value that is missing, unknown or invalid; the message names the key. Immutable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
