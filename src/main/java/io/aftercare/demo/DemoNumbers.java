package io.aftercare.demo;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Hands out valid, never-repeated phone numbers per country, unique by construction (a counter per
 * country spread over number ranges libphonenumber accepts). Not thread-safe.
 */
final class DemoNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String[] US_AREAS = {"212", "312", "415", "617", "713", "206", "305", "404", "503", "602"};
    private static final String[] CA_AREAS = {"416", "514", "604", "403", "613"};

    private long us;
    private long ca;
    private long gb;
    private long fr;
    private long de;

    /** The next valid E.164 number of the region (US, CA, GB, FR or DE). */
    String next(String region) {
        while (true) {
            String candidate = switch (region) {
                case "US" -> nanp(US_AREAS, us++);
                case "CA" -> nanp(CA_AREAS, ca++);
                case "GB" -> "+4474" + pad(gb++, 8);
                case "FR" -> "+336" + pad(fr++, 8);
                case "DE" -> "+49151" + pad(de++, 8);
                default -> throw new IllegalArgumentException("no demo numbers for " + region);
            };
            if (valid(candidate)) {
                return candidate;
            }
        }
    }

    /** North American numbers: area code, exchange 200-999 but never N11 or 555, line 0000-9999. */
    private static String nanp(String[] areas, long k) {
        String area = areas[(int) (k % areas.length)];
        long rest = k / areas.length;
        long exchange = 200 + (rest / 10_000) % 800;
        long line = rest % 10_000;
        if (exchange % 100 == 11 || exchange == 555) {
            return "+1" + area + "0000000"; // invalid on purpose: the caller skips it
        }
        return "+1" + area + exchange + pad(line, 4);
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() > width) {
            throw new IllegalStateException("demo number range exhausted");
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    private static boolean valid(String e164) {
        try {
            return UTIL.isValidNumber(UTIL.parse(e164, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
