package io.aftercare.persistence;

/**
 * SQL LIKE patterns built from user text, so {@code %} and {@code _} in it match only themselves. The escape
 * character is named in the SQL ({@link #ESCAPE}): SQLite has none by default and PostgreSQL's is a backslash.
 * Stateless and thread-safe.
 */
public final class Like {
    /** Follows {@code LIKE :pattern} in every query that takes a pattern from this class. */
    public static final String ESCAPE = " ESCAPE '!'";

    private Like() {}

    /** A pattern matching any text that contains {@code text} literally. */
    public static String containing(String text) {
        return "%" + literal(text) + "%";
    }

    /** A pattern matching any text that begins with {@code text} literally. */
    public static String startingWith(String text) {
        return literal(text) + "%";
    }

    /** A pattern matching any text that ends with {@code text} literally. */
    public static String endingWith(String text) {
        return "%" + literal(text);
    }

    private static String literal(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
