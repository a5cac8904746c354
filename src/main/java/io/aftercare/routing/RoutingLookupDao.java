package io.aftercare.routing;

import io.aftercare.cases.CaseType;
import io.aftercare.customers.Tier;
import java.time.LocalDate;
import java.util.List;

/**
 * The rows the route's context reads return; the reads themselves are {@link RoutingLookups} (plain JDBC, for
 * speed: see doc/benchmarks.md). Immutable.
 */
public interface RoutingLookupDao {

    /**
     * The caller's customer with the date of the newest order (null when none) and its product categories
     * (distinct, sorted), whether a warranty is active and whether any case is open (most callers have none, which
     * saves the cases read), in one read.
     */
    record CallerRow(long id, Tier tier, String language, LocalDate lastOrderedOn,
                     List<String> lastOrderCategories, boolean warrantyActive, boolean hasOpenCases) {}

    /** An open case with its owner's interface (null when unowned). */
    record CaseRow(long id, CaseType type, String ownerInterface) {}
}
