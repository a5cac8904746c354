package io.aftercare.routing;

import io.aftercare.cases.CaseType;
import io.aftercare.customers.Tier;
import io.aftercare.telephony.PhoneNumber;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the rules may look at for one inbound call: who is calling (or that nobody knows), their tier,
 * open cases, last purchase, warranty, language, the hotline dialled and the local time. Immutable.
 */
public record RoutingContext(Optional<PhoneNumber> caller, Optional<Long> customerId, Optional<Tier> tier,
                             List<OpenCase> openCases, Optional<Integer> daysSinceLastOrder,
                             List<String> lastOrderCategories, boolean warrantyActive, String language,
                             String hotline, LocalDateTime localTime) {

    public RoutingContext {
        Objects.requireNonNull(caller);
        Objects.requireNonNull(customerId);
        Objects.requireNonNull(tier);
        openCases = List.copyOf(openCases);
        Objects.requireNonNull(daysSinceLastOrder);
        lastOrderCategories = List.copyOf(lastOrderCategories);
        language = language == null ? "" : language;
        hotline = hotline == null ? "" : hotline;
        Objects.requireNonNull(localTime);
    }

    /** A caller aftercare cannot name: no usable caller ID, or a number no customer has. */
    public static RoutingContext unknown(Optional<PhoneNumber> caller, String language, String hotline,
                                         LocalDateTime localTime) {
        return new RoutingContext(caller, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of(),
                false, language, hotline, localTime);
    }

    /**
     * A known customer's context: days since the last order counted to {@code localTime}'s date, the customer's
     * language when they have one, else the channel's.
     */
    static RoutingContext known(Optional<PhoneNumber> caller, long customerId, Tier tier, List<OpenCase> openCases,
                                LocalDate lastOrderedOn, List<String> lastOrderCategories, boolean warrantyActive,
                                String customerLanguage, String channelLanguage, String hotline,
                                LocalDateTime localTime) {
        var days = Optional.ofNullable(lastOrderedOn)
                .map(on -> (int) Math.max(0, ChronoUnit.DAYS.between(on, localTime.toLocalDate())));
        String language = customerLanguage == null || customerLanguage.isBlank() ? channelLanguage : customerLanguage;
        return new RoutingContext(caller, Optional.of(customerId), Optional.of(tier), openCases, days,
                lastOrderCategories, warrantyActive, language, hotline, localTime);
    }

    public boolean unknownCaller() {
        return customerId.isEmpty();
    }

    /** The most recent open case of this type, if any (cases are held newest first). */
    public Optional<OpenCase> openCase(CaseType type) {
        return openCases.stream().filter(c -> c.type() == type).findFirst();
    }

    /** An open case of the caller, with the agent who owns it (empty when nobody does). Immutable. */
    public record OpenCase(long id, CaseType type, Optional<String> ownerInterface) {
        public OpenCase {
            Objects.requireNonNull(type);
            Objects.requireNonNull(ownerInterface);
        }
    }
}
