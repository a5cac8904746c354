package io.aftercare.customers;

import io.aftercare.core.Coded;
import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.persistence.Like;
import io.aftercare.persistence.SearchKeys;
import io.aftercare.telephony.PhoneNumber;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.web.Cursor;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Creates, changes and finds customers, normalising every phone number to E.164. Thread-safe. */
public final class CustomerService {
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?");
    private static final int MAX_PHONES = 10;

    private final Jdbi jdbi;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    public CustomerService(Jdbi jdbi, PhoneNumbers phoneNumbers, Clock clock) {
        this.jdbi = jdbi;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    public CustomerDetails create(CustomerInput input) {
        return jdbi.inTransaction(handle -> create(handle, input));
    }

    /** Creates a customer inside the caller's transaction (the importer batches many). */
    public CustomerDetails create(Handle handle, CustomerInput input) {
        NewCustomer draft = validate(input);
        CustomerDao dao = handle.attach(CustomerDao.class);
        checkExternalRefFree(dao, draft.customer().externalRef(), 0);
        long id = dao.insert(draft.customer());
        List<CustomerPhone> owned = draft.phones().stream().map(p -> new CustomerPhone(p.e164(), id, p.kind())).toList();
        checkPhonesFree(dao, owned, id);
        dao.insertPhones(owned, draft.customer().createdAt());
        CustomerChanges.changed(handle, id, draft.customer().createdAt());
        return CustomerDetails.of(dao.find(id).orElseThrow(), dao.phones(id));
    }

    /** A customer checked and normalised for insertion, id 0, phones in E.164 with customer id 0. Immutable. */
    public record NewCustomer(Customer customer, List<CustomerPhone> phones) {}

    /**
     * Checks and normalises {@code input} as {@link #create} does, without the database: what is left to check
     * is that its external ref and phone numbers belong to nobody ({@link #refTaken}, {@link #phoneTaken}). The
     * importer's bulk path runs this, then those checks for a whole chunk in two queries.
     */
    public NewCustomer validate(CustomerInput input) {
        if (input.name() == null || input.name().isBlank()) {
            throw new ValidationException("name is required");
        }
        Instant now = clock.instant();
        Customer draft = apply(input, new Customer(0, null, "", null, "en", Tier.STANDARD, null, null, true, false,
                now, now), now);
        return new NewCustomer(draft, phones(input.phones() == null ? List.of() : input.phones(), 0, draft.country(),
                Map.of()));
    }

    /** The 409 for an external ref that is {@code owner}'s already. */
    public static ConflictException refTaken(String externalRef, long owner) {
        return new ConflictException("externalRef " + externalRef + " already belongs to customer " + owner);
    }

    /** The 409 for a phone number (E.164) that is {@code owner}'s already. */
    public static ConflictException phoneTaken(String e164, long owner) {
        return new ConflictException("phone " + e164 + " already belongs to customer " + owner);
    }

    /** JSON merge-patch semantics: absent fields keep their value; phones, when present, replace the list. */
    public CustomerDetails update(long id, CustomerInput input) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            CustomerDao dao = handle.attach(CustomerDao.class);
            Customer current = dao.find(id).orElseThrow(() -> notFound(id));
            Customer changed = apply(input, current, now);
            checkExternalRefFree(dao, changed.externalRef(), id);
            dao.update(changed);
            if (input.phones() != null) {
                // a number listed without its kind keeps the kind it has: a PATCH adding one changes no other
                Map<String, PhoneKind> kinds = dao.phones(id).stream().collect(Collectors.toMap(
                        p -> p.e164().e164(), CustomerPhone::kind, (a, b) -> a));
                List<CustomerPhone> phones = phones(input.phones(), id, changed.country(), kinds);
                checkPhonesFree(dao, phones, id);
                dao.deletePhones(id);
                dao.insertPhones(phones, now);
            }
            CustomerChanges.changed(handle, id, now);
            return CustomerDetails.of(dao.find(id).orElseThrow(), dao.phones(id));
        });
    }

    /**
     * Adds {@code number} to the customer's phones (kind other) inside the caller's transaction, journalled for
     * routing; false when it is theirs already. 404 for an unknown customer, 409 when it is another customer's.
     */
    public boolean addPhone(Handle handle, long customerId, PhoneNumber number, Instant now) {
        CustomerDao dao = handle.attach(CustomerDao.class);
        dao.find(customerId).orElseThrow(() -> notFound(customerId));
        CustomerPhone phone = new CustomerPhone(number, customerId, PhoneKind.OTHER);
        if (dao.findPhones(List.of(number.e164())).stream().anyMatch(p -> p.customerId() == customerId)) {
            return false;
        }
        checkPhonesFree(dao, List.of(phone), customerId);
        dao.insertPhones(List.of(phone), now);
        CustomerChanges.changed(handle, customerId, now);
        return true;
    }

    public CustomerDetails get(long id) {
        return jdbi.withHandle(handle -> {
            CustomerDao dao = handle.attach(CustomerDao.class);
            Customer customer = dao.find(id).orElseThrow(() -> notFound(id));
            return CustomerDetails.of(customer, dao.phones(id));
        });
    }

    /** Finds the customer owning a number written in any format; an unparseable number is a 422. */
    public Optional<CustomerDetails> findByPhone(String raw) {
        return findByPhone(raw, null);
    }

    /**
     * Finds the customer owning a number, a national one read as a number of {@code region} (ISO 3166, e.g. FR;
     * null: phone.default_region); an unparseable number or an unknown region is a 422.
     */
    public Optional<CustomerDetails> findByPhone(String raw, String region) {
        return findByPhone(region == null || region.isBlank() ? phoneNumbers.parse(raw)
                : phoneNumbers.parse(raw, region.strip()));
    }

    public Optional<CustomerDetails> findByPhone(PhoneNumber number) {
        return jdbi.withHandle(handle -> {
            CustomerDao dao = handle.attach(CustomerDao.class);
            return dao.findByPhone(number).map(c -> CustomerDetails.of(c, dao.phones(c.id())));
        });
    }

    /** A page of customers by id, all of them or those whose name contains {@code nameQuery}. */
    public Page<CustomerDetails> list(Optional<String> nameQuery, PageRequest page) {
        long afterId = page.after() == null ? 0 : page.after().id();
        return jdbi.withHandle(handle -> {
            CustomerDao dao = handle.attach(CustomerDao.class);
            List<Customer> customers = nameQuery
                    .map(q -> dao.searchByName(Like.containing(SearchKeys.text(q)), afterId, page.fetch()))
                    .orElseGet(() -> dao.page(afterId, page.fetch()));
            return Page.of(withPhones(dao, customers), page, c -> Cursor.ofId(c.id()), null);
        });
    }

    private static List<CustomerDetails> withPhones(CustomerDao dao, List<Customer> customers) {
        if (customers.isEmpty()) {
            return List.of();
        }
        Map<Long, List<CustomerPhone>> phones = dao.phonesOf(customers.stream().map(Customer::id).toList())
                .stream().collect(Collectors.groupingBy(CustomerPhone::customerId));
        return customers.stream().map(c -> CustomerDetails.of(c, phones.getOrDefault(c.id(), List.of()))).toList();
    }

    private Customer apply(CustomerInput in, Customer c, Instant now) {
        String name = in.name() == null ? c.name() : text("name", in.name(), 200);
        if (name.isBlank()) {
            throw new ValidationException("name must not be blank");
        }
        String email = in.email() == null ? c.email() : optionalText("email", in.email(), 254);
        if (email != null && !email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new ValidationException("email '" + email + "' is not an address");
        }
        String language = in.language() == null ? c.language() : in.language().strip();
        if (!LANGUAGE.matcher(language).matches()) {
            throw new ValidationException("language must be a code such as en, fr or pt_BR, got '" + language + "'");
        }
        Tier tier = in.tier() == null ? c.tier() : Coded.parse(Tier.class, in.tier(), "tier");
        String country = in.country() == null ? c.country() : region(in.country());
        String zone = in.timeZone() == null ? c.timeZone() : zone(in.timeZone());
        String externalRef = in.externalRef() == null ? c.externalRef() : optionalText("externalRef", in.externalRef(), 64);
        return new Customer(c.id(), emptyToNull(externalRef), name, emptyToNull(email), language, tier,
                emptyToNull(country), emptyToNull(zone),
                in.surveyConsent() == null ? c.surveyConsent() : in.surveyConsent(),
                in.doNotCall() == null ? c.doNotCall() : in.doNotCall(), c.createdAt(), now);
    }

    /** @param kinds the kinds of the customer's numbers now, by E.164: a number given without a kind keeps its own */
    private List<CustomerPhone> phones(List<CustomerInput.PhoneInput> inputs, long customerId, String country,
                                       Map<String, PhoneKind> kinds) {
        if (inputs.size() > MAX_PHONES) {
            throw new ValidationException("at most " + MAX_PHONES + " phone numbers per customer");
        }
        Map<PhoneNumber, CustomerPhone> unique = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            CustomerInput.PhoneInput in = inputs.get(i);
            if (in == null || in.number() == null) {
                throw new ValidationException("phones[" + i + "].number is required");
            }
            PhoneNumber number;
            try {
                number = phoneNumbers.parse(in.number(), country == null ? phoneNumbers.defaultRegion() : country);
            } catch (RuntimeException e) {
                throw new ValidationException("phones[" + i + "]: " + e.getMessage());
            }
            PhoneKind kind = in.kind() == null ? kinds.getOrDefault(number.e164(), PhoneKind.MOBILE)
                    : Coded.parse(PhoneKind.class, in.kind(), "phones[" + i + "].kind");
            if (unique.putIfAbsent(number, new CustomerPhone(number, customerId, kind)) != null) {
                throw new ValidationException("phones[" + i + "]: " + number + " is listed twice");
            }
        }
        return new ArrayList<>(unique.values());
    }

    private static void checkPhonesFree(CustomerDao dao, List<CustomerPhone> phones, long customerId) {
        if (phones.isEmpty()) {
            return;
        }
        Map<String, Long> owners = dao.findPhones(phones.stream().map(p -> p.e164().e164()).toList()).stream()
                .filter(p -> p.customerId() != customerId)
                .collect(Collectors.toMap(p -> p.e164().e164(), CustomerPhone::customerId));
        if (!owners.isEmpty()) {
            var first = owners.entrySet().iterator().next();
            throw phoneTaken(first.getKey(), first.getValue());
        }
    }

    private static void checkExternalRefFree(CustomerDao dao, String externalRef, long customerId) {
        if (externalRef == null) {
            return;
        }
        dao.findByExternalRef(externalRef).filter(c -> c.id() != customerId).ifPresent(c -> {
            throw refTaken(externalRef, c.id());
        });
    }

    /** Runs work against the DAO inside one handle; for features that read customers alongside their own data. */
    public <T> T withDao(Function<CustomerDao, T> work) {
        return jdbi.withHandle((Handle handle) -> work.apply(handle.attach(CustomerDao.class)));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("customer " + id + " does not exist");
    }

    private static String text(String field, String value, int max) {
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new ValidationException(field + " is longer than " + max + " characters");
        }
        if (stripped.chars().anyMatch(ch -> ch < 0x20)) {
            throw new ValidationException(field + " must not contain control characters");
        }
        return stripped;
    }

    private static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, max);
    }

    private static String region(String value) {
        String region = value.strip().toUpperCase(Locale.ROOT);
        if (region.isEmpty()) {
            return "";
        }
        if (!com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new ValidationException("country must be an ISO 3166 region such as US or FR, got '" + value + "'");
        }
        return region;
    }

    private static String zone(String value) {
        if (value.isBlank()) {
            return "";
        }
        try {
            return ZoneId.of(value.strip()).getId();
        } catch (DateTimeException e) {
            throw new ValidationException("timeZone '" + value + "' is not an IANA time zone");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
