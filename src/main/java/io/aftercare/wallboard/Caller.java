package io.aftercare.wallboard;

/**
 * Who is on an open call, as stored: the caller's number (E.164, else as the PBX gave it; null when withheld)
 * and, when the number is a customer's, their name and tier; the queue it was last in ("" for none). Shown only masked ({@link #maskedNumber}, {@link #who}).
 * Immutable.
 */
public record Caller(String pbxId, String linkedId, String phone, String customerName, String tier,
                     String queue) {
    public static String key(String pbxId, String linkedId) {
        return pbxId + '/' + linkedId;
    }

    /** The number's last four digits behind an ellipsis ("…0123"), "withheld" when there is none. */
    public String maskedNumber() {
        return mask(phone);
    }

    /** The customer's first name and initial ("Anna K."), else the masked number. */
    public String who() {
        if (customerName == null || customerName.isBlank()) {
            return maskedNumber();
        }
        String[] parts = customerName.strip().split("\\s+");
        String last = parts[parts.length - 1];
        return parts.length == 1 ? parts[0]
                : parts[0] + ' ' + last.substring(0, last.offsetByCodePoints(0, 1)) + '.'; // "Émile Ørsted" -> "Émile Ø.
    }

    static String mask(String number) {
        String digits = number == null ? "" : number.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return "withheld";
        }
        return "\u2026" + digits.substring(Math.max(0, digits.length() - 4));
    }
}
