package io.aftercare.search;

import io.aftercare.core.ValidationException;
import io.aftercare.persistence.Like;
import io.aftercare.persistence.SearchKeys;
import io.aftercare.telephony.InvalidPhoneNumberException;
import io.aftercare.telephony.PhoneNumbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an agent typed into the search box, read once: the kinds of thing it can be (a phone number, an order or
 * serial number, a name, an e-mail address) and the keys and LIKE patterns each kind is searched with. Text is only
 * ever bound as a parameter, and {@link Like} escapes its wildcards. Immutable.
 *
 * @param text        the query as typed, stripped
 * @param kinds       what it is searched as
 * @param textKey     the {@link SearchKeys#text} key, for names and e-mail addresses
 * @param nameWords   one to three LIKE patterns that must all match a name (its words, in any order)
 * @param codeKey     the {@link SearchKeys#code} key, for order and serial numbers
 * @param phoneNumber the number as E.164 when the text is a whole valid number (default region), else ""
 * @param phoneDigits the digits to look for in stored E.164 numbers, else ""
 * @param phoneFromStart true when the digits begin the number (the text began with '+')
 */
public record SearchQuery(String text, Set<SearchKind> kinds, String textKey, List<String> nameWords, String codeKey,
                          String phoneNumber, String phoneDigits, boolean phoneFromStart) {
    public static final int MAX_LENGTH = 100;
    static final int MIN_NAME = 2;
    static final int MIN_EMAIL = 3;
    static final int MIN_CODE = 3;
    static final int MIN_PHONE_DIGITS = 6;
    private static final int MAX_NAME_WORDS = 3;
    /** What a human may write around a phone number's digits. */
    private static final Pattern PHONE_LIKE = Pattern.compile("[+]?[0-9 ().\\-/]+");
    private static final Pattern LEADING_ZEROS = Pattern.compile("^0+");

    public SearchQuery {
        kinds = Set.copyOf(kinds);
        nameWords = List.copyOf(nameWords);
    }

    /** Reads the query, or refuses it (422) when it is empty, too long, or too short for any kind of search. */
    public static SearchQuery parse(String raw, PhoneNumbers phones) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new ValidationException("q is required: part of a name, a phone number, an order or serial number,"
                    + " or an e-mail address");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ValidationException("q must be at most " + MAX_LENGTH + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("q must not contain control characters");
        }
        String textKey = SearchKeys.text(text);
        String codeKey = SearchKeys.code(text);
        boolean email = text.indexOf('@') >= 0;
        boolean oneWord = text.chars().noneMatch(Character::isWhitespace);
        boolean international = text.startsWith("+");
        Set<SearchKind> kinds = EnumSet.noneOf(SearchKind.class);

        String phoneNumber = "";
        String phoneDigits = "";
        boolean phoneFromStart = international;
        if (PHONE_LIKE.matcher(text).matches()) {
            String digits = text.replaceAll("[^0-9]", "");
            // A national number's trunk prefix and an international call prefix (0, 00) are not stored in E.164.
            phoneDigits = international ? digits : LEADING_ZEROS.matcher(digits).replaceFirst("");
            phoneNumber = wholeNumber(text, phones);
            if (phoneDigits.length() >= MIN_PHONE_DIGITS) {
                kinds.add(SearchKind.PHONE);
            } else if (!phoneNumber.isEmpty()) { // a short whole number: only that number
                kinds.add(SearchKind.PHONE);
                phoneDigits = phoneNumber.substring(1);
                phoneFromStart = true;
            } else {
                phoneDigits = "";
            }
        }
        if (!email && !international && codeKey.length() >= MIN_CODE) {
            kinds.add(SearchKind.ORDER);
            kinds.add(SearchKind.SERIAL);
        }
        boolean letters = textKey.chars().anyMatch(Character::isLetter);
        if (!email && letters && textKey.length() >= MIN_NAME) {
            kinds.add(SearchKind.NAME);
        }
        if (email ? textKey.length() >= MIN_EMAIL : oneWord && letters && textKey.length() >= MIN_EMAIL) {
            kinds.add(SearchKind.EMAIL);
        }
        if (kinds.isEmpty()) {
            throw new ValidationException("q '" + text + "' is too short to search: give at least " + MIN_NAME
                    + " letters of a name, " + MIN_CODE + " letters or digits of an order or serial number, "
                    + MIN_PHONE_DIGITS + " digits of a phone number, or " + MIN_EMAIL
                    + " characters of an e-mail address");
        }
        return new SearchQuery(text, kinds, textKey, nameWords(textKey), codeKey, phoneNumber, phoneDigits,
                phoneFromStart);
    }

    /** The kinds in ranking order, as the answer lists them. */
    public List<SearchKind> searchedAs() {
        return Arrays.stream(SearchKind.values()).filter(kinds::contains).toList();
    }

    /** The order and serial number keys that begin with {@link #codeKey}: a range seek (sql/V21). */
    SearchDao.Range codeStart() {
        return seek(codeKey);
    }

    /** The order and serial number keys that end with {@link #codeKey}: a range seek on the reversed keys. */
    SearchDao.Range codeEnd() {
        return seek(SearchKeys.reversed(codeKey));
    }

    /**
     * The keys that begin with {@code prefix} lie from it to the first key after them: the prefix with its last
     * character one further, a 9 followed by an a and a z carried to the character before, so that the bound is a
     * letter or a digit and sorts where it would in ASCII in the usual collations (punctuation such as ':' or '{'
     * does not, in en_US). The LIKE on the prefix drops anything else a collation puts in the range.
     */
    static SearchDao.Range seek(String prefix) {
        StringBuilder to = new StringBuilder(prefix);
        while (!to.isEmpty()) {
            int last = to.length() - 1;
            char c = to.charAt(last);
            if (c == '9') {
                to.setCharAt(last, 'a');
                return new SearchDao.Range(prefix, to.toString(), Like.startingWith(prefix));
            }
            if (c != 'z' && c != Character.MAX_VALUE && !Character.isSurrogate(c)) {
                to.setCharAt(last, (char) (c + 1));
                return new SearchDao.Range(prefix, to.toString(), Like.startingWith(prefix));
            }
            to.setLength(last);
        }
        return new SearchDao.Range(prefix, String.valueOf(Character.MAX_VALUE), Like.startingWith(prefix));
    }

    private static String wholeNumber(String text, PhoneNumbers phones) {
        try {
            return phones.parse(text).e164();
        } catch (InvalidPhoneNumberException notWhole) {
            return "";
        }
    }

    /** "ünal ayşe" matches "Ayşe Ünal": each word is looked for on its own; past the third, the rest as one. */
    private static List<String> nameWords(String textKey) {
        List<String> words = new ArrayList<>(List.of(textKey.split(" ", MAX_NAME_WORDS)));
        List<String> patterns = new ArrayList<>();
        for (String word : words) {
            patterns.add(Like.containing(word));
        }
        while (patterns.size() < MAX_NAME_WORDS) {
            patterns.add("%"); // matches any key
        }
        return patterns;
    }
}
