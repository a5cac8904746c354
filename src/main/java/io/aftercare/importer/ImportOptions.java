package io.aftercare.importer;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;

/**
 * How to read and store an import file. Immutable.
 *
 * @param delimiter the CSV separator, or null to detect it from the header line ({@code ,} {@code ;} or tab)
 * @param encoding  the file's character set, or null for UTF-8; a byte order mark decides over both
 * @param dryRun    read and check everything, store it in a transaction that is rolled back at the end
 * @param listener  hears rejections and progress as they come
 */
public record ImportOptions(Character delimiter, Charset encoding, boolean dryRun, ImportListener listener) {
    public static final ImportOptions DEFAULTS = new ImportOptions(null, null, false, ImportListener.NONE);

    public ImportOptions {
        Objects.requireNonNull(listener);
    }

    public ImportOptions withDelimiter(Character value) {
        return new ImportOptions(value, encoding, dryRun, listener);
    }

    public ImportOptions withEncoding(Charset value) {
        return new ImportOptions(delimiter, value, dryRun, listener);
    }

    public ImportOptions withDryRun(boolean value) {
        return new ImportOptions(delimiter, encoding, value, listener);
    }

    public ImportOptions withListener(ImportListener value) {
        return new ImportOptions(delimiter, encoding, dryRun, value);
    }

    /** A {@code --delimiter} value: {@code ,} {@code ;} {@code |}, or a tab as {@code tab}, {@code \t} or itself. */
    public static char delimiter(String text) {
        String value = text == null ? "" : text;
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "," , "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "|", "pipe" -> '|';
            case "tab", "\\t", "\t" -> '\t';
            default -> throw new ImportException("unknown delimiter '" + value + "'; expected one of , ; | tab");
        };
    }

    /** An {@code --encoding} value: any character set Java knows, e.g. UTF-8, windows-1252, ISO-8859-1, UTF-16LE. */
    public static Charset encoding(String name) {
        try {
            return Charset.forName(name == null ? "" : name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ImportException("unknown encoding '" + name + "'; expected e.g. UTF-8, windows-1252, ISO-8859-1");
        }
    }
}
