package io.aftercare.screenpop;

import io.aftercare.orders.Product;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Which products are often bought together, counted over the last year's orders and refreshed by the owner
 * (not per call: a screen pop must not scan order history). Suggestions are read lock-free. Thread-safe.
 */
public final class ProductAffinity {
    private static final int PER_PRODUCT = 5;

    private final Jdbi jdbi;
    private final Clock clock;
    private volatile Map<String, List<Product>> together = Map.of();

    public ProductAffinity(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Recounts co-purchases; blocking, run it on a worker. */
    public void refresh() {
        String since = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusYears(1).toString();
        Map<String, Product> products = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT sku, name, category, warranty_months FROM products")
                .map((rs, ctx) -> new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .forEach(p -> products.put(p.sku(), p)));
        Map<String, List<Product>> next = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT a.sku, b.sku, count(*) AS n FROM order_lines a"
                        + " JOIN orders o ON o.id = a.order_id AND o.ordered_on >= :since"
                        + " JOIN order_lines b ON b.order_id = a.order_id AND b.sku <> a.sku"
                        + " GROUP BY a.sku, b.sku ORDER BY a.sku, n DESC, b.sku")
                .bind("since", since)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .forEach(pair -> {
                    List<Product> list = next.computeIfAbsent(pair[0], k -> new ArrayList<>());
                    Product other = products.get(pair[1]);
                    if (list.size() < PER_PRODUCT && other != null) {
                        list.add(other);
                    }
                }));
        together = Map.copyOf(next);
    }

    /** Products bought with the given ones that the customer does not own yet, most frequent first. */
    public List<Product> suggest(Collection<String> ownedSkus, int limit) {
        Set<String> owned = new HashSet<>(ownedSkus);
        Map<String, Product> out = new LinkedHashMap<>();
        for (String sku : ownedSkus) {
            for (Product p : together.getOrDefault(sku, List.of())) {
                if (!owned.contains(p.sku()) && out.size() < limit) {
                    out.putIfAbsent(p.sku(), p);
                }
            }
        }
        return List.copyOf(out.values());
    }
}
