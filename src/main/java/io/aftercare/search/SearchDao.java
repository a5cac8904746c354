package io.aftercare.search;

import io.aftercare.persistence.Like;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The searches of each kind, one statement each: the customers that match, best first, with each customer's best
 * match as {@code best} = rank ('0' the whole key, '1' its beginning or end or a word's beginning, '2' anywhere
 * in it) followed by the value that matched. Grouping by customer in SQL keeps one customer with many matching
 * orders from taking every place. The index each reads is named in sql/V21. Attach to a handle. Not thread-safe.
 */
@RegisterConstructorMapper(SearchDao.Hit.class)
interface SearchDao {
    /** One matching customer: their best match's rank digit, then the value that matched (empty for names). */
    record Hit(long customerId, String best) {
        int rank() {
            return best.charAt(0) - '0';
        }

        String value() {
            return best.substring(1);
        }
    }

    @SqlQuery("SELECT id AS customer_id, CASE WHEN name_key = :key THEN '0' WHEN name_key LIKE :prefix" + Like.ESCAPE
            + " OR name_key LIKE :wordPrefix" + Like.ESCAPE + " THEN '1' ELSE '2' END AS best FROM customers"
            + " WHERE name_key LIKE :w1" + Like.ESCAPE + " AND name_key LIKE :w2" + Like.ESCAPE
            + " AND name_key LIKE :w3" + Like.ESCAPE + " ORDER BY best, name_key, id LIMIT :limit")
    List<Hit> byName(@Bind("key") String key, @Bind("prefix") String prefix, @Bind("wordPrefix") String wordPrefix,
                     @Bind("w1") String w1, @Bind("w2") String w2, @Bind("w3") String w3, @Bind("limit") int limit);

    @SqlQuery("SELECT id AS customer_id, CASE WHEN email_key = :key THEN '0' WHEN email_key LIKE :prefix" + Like.ESCAPE
            + " THEN '1' ELSE '2' END AS best FROM customers WHERE email_key LIKE :contains" + Like.ESCAPE
            + " ORDER BY best, email_key, id LIMIT :limit")
    List<Hit> byEmail(@Bind("key") String key, @Bind("prefix") String prefix, @Bind("contains") String contains,
                      @Bind("limit") int limit);

    @SqlQuery("SELECT customer_id, MIN(CASE WHEN e164 = :exact THEN '0' WHEN e164 LIKE :suffix" + Like.ESCAPE
            + " THEN '1' ELSE '2' END || e164) AS best FROM customer_phones WHERE e164 = :exact OR e164 LIKE :pattern"
            + Like.ESCAPE + " GROUP BY customer_id ORDER BY best, customer_id LIMIT :limit")
    List<Hit> byPhone(@Bind("exact") String exactE164, @Bind("suffix") String suffix, @Bind("pattern") String pattern,
                      @Bind("limit") int limit);

    @SqlQuery("SELECT customer_id, MIN(CASE WHEN number_key = :key THEN '0' WHEN number_key LIKE :prefix" + Like.ESCAPE
            + " OR number_key LIKE :suffix" + Like.ESCAPE + " THEN '1' ELSE '2' END || order_number) AS best"
            + " FROM orders WHERE number_key LIKE :contains" + Like.ESCAPE
            + " GROUP BY customer_id ORDER BY best, customer_id LIMIT :limit")
    List<Hit> byOrderNumber(@Bind("key") String key, @Bind("prefix") String prefix, @Bind("suffix") String suffix,
                            @Bind("contains") String contains, @Bind("limit") int limit);

    /** Serial numbers on order lines and serial numbers registered for a warranty. */
    @SqlQuery("SELECT customer_id, MIN(best) AS best FROM ("
            + "SELECT o.customer_id, CASE WHEN s.serial_key = :key THEN '0' WHEN s.serial_key LIKE :prefix" + Like.ESCAPE
            + " OR s.serial_key LIKE :suffix" + Like.ESCAPE + " THEN '1' ELSE '2' END || s.serial_number AS best"
            + " FROM order_line_serials s JOIN order_lines l ON l.id = s.order_line_id JOIN orders o ON o.id = l.order_id"
            + " WHERE s.serial_key LIKE :contains" + Like.ESCAPE
            + " UNION ALL "
            + "SELECT customer_id, CASE WHEN serial_key = :key THEN '0' WHEN serial_key LIKE :prefix" + Like.ESCAPE
            + " OR serial_key LIKE :suffix" + Like.ESCAPE + " THEN '1' ELSE '2' END || serial_number AS best"
            + " FROM warranties WHERE serial_key LIKE :contains" + Like.ESCAPE
            + ") serials GROUP BY customer_id ORDER BY best, customer_id LIMIT :limit")
    List<Hit> bySerialNumber(@Bind("key") String key, @Bind("prefix") String prefix, @Bind("suffix") String suffix,
                             @Bind("contains") String contains, @Bind("limit") int limit);
}
