package io.aftercare.telephony;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses numbers from the outside world (caller IDs, imports, API input) into {@link PhoneNumber} with
 * libphonenumber, reading national numbers in the configured default region. Thread-safe.
 */
public final class PhoneNumbers {
    /** Longest input worth handing to libphonenumber; anything longer is not a phone number. */
    private static final int MAX_INPUT = 64;
    /** What a human may write around digits: spaces, dots, dashes, brackets, a leading plus, slashes. */
    private static final Pattern PLAUSIBLE = Pattern.compile("[+]?[0-9 ().\\-/]{1,40}");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    public PhoneNumbers(String defaultRegion) {
        String region = defaultRegion.toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown region " + defaultRegion);
        }
        this.defaultRegion = region;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** Parses with the default region; throws {@link InvalidPhoneNumberException} with a reason. */
    public PhoneNumber parse(String raw) {
        return parse(raw, defaultRegion);
    }

    /** Parses national numbers as numbers of {@code region}; international ones (+...) keep their own. */
    public PhoneNumber parse(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("phone number is empty");
        }
        String text = raw.strip();
        if (text.length() > MAX_INPUT || !PLAUSIBLE.matcher(text).matches()) {
            throw new InvalidPhoneNumberException("phone number may hold only digits, spaces, + ( ) . - /");
        }
        String upperRegion = region == null ? defaultRegion : region.toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(upperRegion)) {
            throw new InvalidPhoneNumberException("unknown region '" + region + "'");
        }
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(text, upperRegion);
            if (!UTIL.isValidNumber(parsed)) {
                throw new InvalidPhoneNumberException("not a valid number in " + regionLabel(parsed, upperRegion));
            }
            return new PhoneNumber(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException("not a phone number: " + e.getErrorType().name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Reads a caller ID as Asterisk hands it over ({@code agi_callerid}, AMI {@code CallerIDNum}). Empty,
     * withheld ({@code anonymous}, {@code unknown}, {@code restricted}) and anything that is not a valid
     * number give empty: an unreadable caller is an unknown caller, never an error.
     */
    public Optional<PhoneNumber> parseCallerId(String callerId) {
        if (callerId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(callerId));
        } catch (InvalidPhoneNumberException e) {
            return Optional.empty();
        }
    }

    /** The ISO region a number belongs to, or "ZZ" when it belongs to none (toll-free, satellite). */
    public String regionOf(PhoneNumber number) {
        String region = UTIL.getRegionCodeForNumber(toLib(number));
        return region == null ? "ZZ" : region;
    }

    /** The time zones a number may ring in; empty when libphonenumber does not know. */
    public List<ZoneId> timeZonesOf(PhoneNumber number) {
        List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(toLib(number));
        return zones.stream()
                .filter(z -> !z.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()))
                .map(ZoneId::of)
                .toList();
    }

    private static Phonenumber.PhoneNumber toLib(PhoneNumber number) {
        try {
            return UTIL.parse(number.e164(), "ZZ");
        } catch (NumberParseException e) {
            throw new IllegalStateException("E.164 value did not parse: " + number, e);
        }
    }

    private static String regionLabel(Phonenumber.PhoneNumber parsed, String fallback) {
        String region = UTIL.getRegionCodeForNumber(parsed);
        return region == null ? "region " + fallback + " (country code +" + parsed.getCountryCode() + ")" : "region " + region;
    }
}
