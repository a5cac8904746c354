package io.aftercare.search;

import io.aftercare.customers.CustomerPhone;
import io.aftercare.customers.Tier;
import java.util.List;

/**
 * The answer to one search: the customers found, best first, each with why it matched. {@code more} says that
 * more customers match than were returned (a longer query narrows it). Immutable.
 */
public record SearchResults(String q, List<SearchKind> searchedAs, List<Found> customers, boolean more) {
    public SearchResults {
        searchedAs = List.copyOf(searchedAs);
        customers = List.copyOf(customers);
    }

    /** A customer that matched, with enough to pick them (and show their pop) and every kind of match. */
    public record Found(long id, String name, Tier tier, String language, String email, List<CustomerPhone> phones,
                        List<Match> matches) {
        public Found {
            phones = List.copyOf(phones);
            matches = List.copyOf(matches);
        }
    }

    /**
     * Why a customer matched: by what, the value that matched as stored (the name, the number, the order or serial
     * number, the e-mail address; the closest one where several did), and whether it matched whole.
     */
    public record Match(SearchKind by, String value, boolean exact) {}
}
