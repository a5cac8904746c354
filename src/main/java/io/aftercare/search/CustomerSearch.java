package io.aftercare.search;

import io.aftercare.customers.Customer;
import io.aftercare.customers.CustomerDao;
import io.aftercare.customers.CustomerPhone;
import io.aftercare.persistence.Like;
import io.aftercare.persistence.SearchKeys;
import io.aftercare.telephony.PhoneNumbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Search from anywhere: finds customers by part of a name, a phone number in any format (or its last digits), an
 * order or serial number as read out over the phone, or an e-mail address, whichever the query can be
 * ({@link SearchQuery}). One statement per kind, then the customers and their phones by id: no read per result.
 * Thread-safe.
 */
public final class CustomerSearch {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** Rows read per customer asked for: a customer may match by several phones, orders or serial numbers. */
    private static final int ROWS_PER_CUSTOMER = 10;

    /** Where a customer's best match puts them: closer first, then by kind, then as the kind's statement did. */
    private record Place(int rank, int kind, int position) implements Comparable<Place> {
        private static final Comparator<Place> ORDER = Comparator.comparingInt(Place::rank)
                .thenComparingInt(Place::kind).thenComparingInt(Place::position);

        @Override
        public int compareTo(Place other) {
            return ORDER.compare(this, other);
        }
    }

    private final Jdbi jdbi;
    private final PhoneNumbers phoneNumbers;

    public CustomerSearch(Jdbi jdbi, PhoneNumbers phoneNumbers) {
        this.jdbi = jdbi;
        this.phoneNumbers = phoneNumbers;
    }

    /** Up to {@code limit} customers, closest matches first; a query no kind can use is refused (422). */
    public SearchResults search(String q, int limit) {
        SearchQuery query = SearchQuery.parse(q, phoneNumbers);
        return jdbi.withHandle(handle -> search(handle, query, limit));
    }

    private static SearchResults search(Handle handle, SearchQuery query, int limit) {
        SearchDao dao = handle.attach(SearchDao.class);
        int rows = ROWS_PER_CUSTOMER * (limit + 1);
        Map<Long, List<SearchResults.Match>> matches = new LinkedHashMap<>();
        Map<Long, Place> place = new HashMap<>(); // each customer's best
        boolean more = false;
        for (SearchKind kind : query.searchedAs()) {
            List<SearchDao.Hit> hits = hits(dao, query, kind, rows);
            more |= hits.size() >= rows;
            // A customer's closest match of this kind (the first, where equally close), closest customers first.
            Map<Long, SearchDao.Hit> best = new LinkedHashMap<>();
            hits.stream().sorted(Comparator.comparingInt(SearchDao.Hit::matchRank))
                    .forEach(hit -> best.putIfAbsent(hit.customerId(), hit));
            int position = 0;
            for (SearchDao.Hit hit : best.values()) {
                matches.computeIfAbsent(hit.customerId(), id -> new ArrayList<>())
                        .add(new SearchResults.Match(kind, hit.value(), hit.matchRank() == 0));
                place.merge(hit.customerId(), new Place(hit.matchRank(), kind.ordinal(), position++),
                        (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        List<Long> ids = place.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).limit(limit).toList();
        more |= place.size() > limit;
        List<SearchResults.Found> found = ids.isEmpty() ? List.of() : found(handle, ids, matches);
        return new SearchResults(query.text(), query.searchedAs(), found, more);
    }

    /** The customers by id with their phones (two statements), each with why it matched, in the order given. */
    private static List<SearchResults.Found> found(Handle handle, List<Long> ids,
                                                   Map<Long, List<SearchResults.Match>> matches) {
        CustomerDao customers = handle.attach(CustomerDao.class);
        Map<Long, Customer> byId = customers.findAll(ids).stream()
                .collect(Collectors.toMap(Customer::id, Function.identity()));
        Map<Long, List<CustomerPhone>> phones = customers.phonesOf(ids).stream()
                .collect(Collectors.groupingBy(CustomerPhone::customerId));
        List<SearchResults.Found> found = new ArrayList<>();
        for (long id : ids) {
            Customer c = byId.get(id);
            if (c == null) {
                continue; // deleted between the two reads
            }
            List<SearchResults.Match> why = matches.get(id).stream()
                    .map(m -> switch (m.by()) {
                        case NAME -> new SearchResults.Match(m.by(), c.name(), m.exact());
                        case EMAIL -> new SearchResults.Match(m.by(), c.email(), m.exact());
                        default -> m;
                    })
                    .sorted(Comparator.comparing((SearchResults.Match m) -> !m.exact())
                            .thenComparing(SearchResults.Match::by))
                    .toList();
            found.add(new SearchResults.Found(c.id(), c.name(), c.tier(), c.language(), c.email(),
                    phones.getOrDefault(id, List.of()), why));
        }
        return found;
    }

    private static List<SearchDao.Hit> hits(SearchDao dao, SearchQuery q, SearchKind kind, int rows) {
        return switch (kind) {
            case NAME -> dao.byName(q.textKey(), Like.startingWith(q.textKey()), Like.containing(" " + q.textKey()),
                    q.nameWords().get(0), q.nameWords().get(1), q.nameWords().get(2), rows);
            case EMAIL -> dao.byEmail(q.textKey(), Like.startingWith(q.textKey()), Like.containing(q.textKey()), rows);
            case PHONE -> dao.byPhone(q.phoneNumber(), Like.endingWith(q.phoneDigits()), q.phoneFromStart()
                    ? Like.startingWith("+" + q.phoneDigits()) : Like.containing(q.phoneDigits()), rows);
            case ORDER -> ranked(q, dao.byOrderNumber(q.codeStart(), q.codeEnd(), rows));
            case SERIAL -> ranked(q, dao.bySerialNumber(q.codeStart(), q.codeEnd(), rows));
        };
    }

    /** An order or serial number that begins or ends with the one sought, ranked: whole (0) or not (1). */
    private static List<SearchDao.Hit> ranked(SearchQuery q, List<SearchDao.CodeHit> hits) {
        return hits.stream().map(h -> new SearchDao.Hit(h.customerId(),
                SearchKeys.code(h.value()).equals(q.codeKey()) ? 0 : 1, h.value())).toList();
    }
}
