package io.aftercare.surveys;

import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigException;
import io.aftercare.surveys.CallingWindow.Callee;
import io.aftercare.surveys.CallingWindow.Rule;
import io.aftercare.telephony.PhoneNumber;
import io.aftercare.telephony.PhoneNumbers;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a survey callee is: the zone from the customer's record, else every zone libphonenumber gives for the
 * number; the country from the record, else the number's region. Also builds the {@link CallingWindow} from
 * the {@code surveys} config. Immutable and thread-safe.
 */
public final class SurveyCallees {
    private final PhoneNumbers phones;

    public SurveyCallees(PhoneNumbers phones) {
        this.phones = phones;
    }

    public Callee of(String e164, SurveyJobDao.CustomerPlace place) {
        PhoneNumber number = new PhoneNumber(e164);
        String country = place != null && place.country() != null && !place.country().isBlank() ? place.country()
                : phones.regionOf(number);
        if (place != null && place.timeZone() != null && !place.timeZone().isBlank()) {
            try {
                return new Callee(country, List.of(ZoneId.of(place.timeZone())));
            } catch (DateTimeException e) {
                // a bad zone in the record: fall back to the number, as if it were empty
            }
        }
        return new Callee(country, phones.timeZonesOf(number));
    }

    /** The calling window the config describes; a bad rule stops startup naming the key. */
    public static CallingWindow window(AftercareConfig.Surveys c) {
        Map<String, List<String>> holidays = entries("surveys.holidays", c.holidays()).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> Arrays.stream(e.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                                .toList()));
        List<String> everywhere = holidays.getOrDefault("*", List.of());
        try {
            Rule defaults = Rule.parse(c.windowDefault()).withHolidays(everywhere);
            Map<String, Rule> countries = new HashMap<>();
            entries("surveys.window_countries", c.windowCountries()).forEach((country, spec) ->
                    countries.put(country, Rule.parse(spec).withHolidays(everywhere)
                            .withHolidays(holidays.getOrDefault(country, List.of()))));
            holidays.forEach((country, days) -> {
                if (!country.equals("*") && !countries.containsKey(country)) {
                    countries.put(country, defaults.withHolidays(days));
                }
            });
            return new CallingWindow(defaults, countries, c.unknownZone());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("surveys.window_default, window_countries or holidays: " + e.getMessage());
        }
    }

    private static Map<String, String> entries(String key, String text) {
        Map<String, String> out = new HashMap<>();
        for (String entry : text.split("\\|")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new ConfigException(key + ": expected COUNTRY=VALUE entries separated by '|', got '"
                        + entry.strip() + "'");
            }
            out.put(entry.substring(0, eq).strip().toUpperCase(Locale.ROOT), entry.substring(eq + 1).strip());
        }
        return out;
    }
}
