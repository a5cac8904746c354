package io.aftercare.persistence;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalised copies of what agents search by, stored beside the original in {@code *_key} columns (sql/V21)
 * and computed the same way from the query: SQLite's {@code lower()} folds only ASCII, so the folding is done here,
 * once, for both databases. Stateless and thread-safe.
 */
public final class SearchKeys {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchKeys() {}

    /**
     * Names and e-mail addresses: lower case, accents dropped ("Ünal", "ünal" and "unal" are one key), the few
     * letters that have no decomposition spelled out (ß as ss, ø as o ...), white space collapsed; null stays null.
     */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        String folded = MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            switch (c) {
                case 'ß' -> out.append("ss");
                case 'æ' -> out.append("ae");
                case 'œ' -> out.append("oe");
                case 'ø' -> out.append('o');
                case 'ł' -> out.append('l');
                case 'đ' -> out.append('d');
                case 'ı' -> out.append('i');
                default -> out.append(c);
            }
        }
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    /**
     * Order and serial numbers as read out over the phone: letters and digits only, lower case
     * ("SN 12-ab" and "SN12AB" are one key); null stays null.
     */
    public static String code(String value) {
        return value == null ? null : NOT_LETTER_OR_DIGIT.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** A {@link #code} key read backwards ("so104031" to "130401os"), so that its end can be sought as a beginning. */
    public static String reversed(String key) {
        return key == null ? null : new StringBuilder(key).reverse().toString();
    }
}
