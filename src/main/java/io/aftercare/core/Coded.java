package io.aftercare.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum stored and sent as its lower-case code ("vip", "repair"); the database CHECK constraints and the
 * JSON API use the same codes. Implementations are immutable enums.
 */
public interface Coded {
    @JsonValue
    default String code() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** Finds the constant with this code or throws a {@link ValidationException} listing the allowed codes. */
    static <E extends Enum<E> & Coded> E parse(Class<E> type, String code, String field) {
        for (E constant : type.getEnumConstants()) {
            if (constant.code().equals(code)) {
                return constant;
            }
        }
        throw new ValidationException(field + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Coded::code).collect(Collectors.joining(", ")) + ", got '" + code + "'");
    }
}
