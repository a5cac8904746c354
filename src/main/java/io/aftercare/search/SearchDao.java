package io.aftercare.search;

import io.aftercare.persistence.Like;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The search of each kind, one statement each, returning at most {@code limit} matching rows (a customer may match
 * through several phones, orders or serials). Names, e-mail addresses and phones come closest first ({@code
 * match_rank} 0: the whole key, 1: its beginning or end or a word's beginning, 2: anywhere). Order and serial
 * numbers are sought by their beginning and by their end (the rkey): the caller ranks them. The index each
 * statement reads is named in sql/V21. Attach to a handle. Not thread-safe.
 */
@RegisterConstructorMapper(SearchDao.Hit.class)
@RegisterConstructorMapper(SearchDao.CodeHit.class)
interface SearchDao {
    /** A customer matched closely ({@code matchRank} 0) or less so, by {@code value} (empty for names and e-mails). */
    record Hit(long customerId, int matchRank, String value) {}

    /** A customer whose order or serial number {@code value} begins or ends with the one sought. */
    record CodeHit(long customerId, String value) {}

    /** A key's range for a seek: every key that begins with {@code prefix} is {@code >= from} and {@code < to}. */
    record Range(String from, String to, String prefix) {}

    @SqlQuery("SELECT id AS customer_id, CASE WHEN name_key = :key THEN 0 WHEN name_key LIKE :prefix" + Like.ESCAPE
            + " OR name_key LIKE :wordPrefix" + Like.ESCAPE + " THEN 1 ELSE 2 END AS match_rank, '' AS value"
            + " FROM customers WHERE name_key LIKE :w1" + Like.ESCAPE + " AND name_key LIKE :w2" + Like.ESCAPE
            + " AND name_key LIKE :w3" + Like.ESCAPE + " ORDER BY match_rank, name_key, id LIMIT :limit")
    List<Hit> byName(@Bind("key") String key, @Bind("prefix") String prefix, @Bind("wordPrefix") String wordPrefix,
                     @Bind("w1") String w1, @Bind("w2") String w2, @Bind("w3") String w3, @Bind("limit") int limit);

    @SqlQuery("SELECT id AS customer_id, CASE WHEN email_key = :key THEN 0 WHEN email_key LIKE :prefix" + Like.ESCAPE
            + " THEN 1 ELSE 2 END AS match_rank, '' AS value FROM customers WHERE email_key LIKE :contains"
            + Like.ESCAPE + " ORDER BY match_rank, email_key, id LIMIT :limit")
    List<Hit> byEmail(@Bind("key") String key, @Bind("prefix") String prefix, @Bind("contains") String contains,
                      @Bind("limit") int limit);

    @SqlQuery("SELECT customer_id, CASE WHEN e164 = :exact THEN 0 WHEN e164 LIKE :suffix" + Like.ESCAPE
            + " THEN 1 ELSE 2 END AS match_rank, e164 AS value FROM customer_phones WHERE e164 = :exact"
            + " OR e164 LIKE :pattern" + Like.ESCAPE + " ORDER BY match_rank, e164 LIMIT :limit")
    List<Hit> byPhone(@Bind("exact") String exactE164, @Bind("suffix") String suffix, @Bind("pattern") String pattern,
                      @Bind("limit") int limit);

    @SqlQuery("SELECT customer_id, order_number AS value FROM (SELECT customer_id, order_number FROM orders"
            + " WHERE number_key >= :k.from AND number_key < :k.to AND number_key LIKE :k.prefix" + Like.ESCAPE
            + " ORDER BY number_key LIMIT :limit) starts_with"
            + " UNION ALL SELECT customer_id, order_number FROM (SELECT customer_id, order_number FROM orders"
            + " WHERE number_rkey >= :r.from AND number_rkey < :r.to AND number_rkey LIKE :r.prefix" + Like.ESCAPE
            + " ORDER BY number_rkey LIMIT :limit) ends_with")
    List<CodeHit> byOrderNumber(@BindMethods("k") Range key, @BindMethods("r") Range reversed,
                                @Bind("limit") int limit);

    /** Serial numbers on order lines (their order names the customer) and serial numbers registered for a warranty. */
    @SqlQuery("SELECT o.customer_id, s.serial_number AS value FROM (SELECT order_line_id, serial_number"
            + " FROM order_line_serials WHERE serial_key >= :k.from AND serial_key < :k.to"
            + " AND serial_key LIKE :k.prefix" + Like.ESCAPE + " ORDER BY serial_key LIMIT :limit) s"
            + " JOIN order_lines l ON l.id = s.order_line_id JOIN orders o ON o.id = l.order_id"
            + " UNION ALL SELECT o.customer_id, s.serial_number FROM (SELECT order_line_id, serial_number"
            + " FROM order_line_serials WHERE serial_rkey >= :r.from AND serial_rkey < :r.to"
            + " AND serial_rkey LIKE :r.prefix" + Like.ESCAPE + " ORDER BY serial_rkey LIMIT :limit) s"
            + " JOIN order_lines l ON l.id = s.order_line_id JOIN orders o ON o.id = l.order_id"
            + " UNION ALL SELECT customer_id, serial_number FROM (SELECT customer_id, serial_number FROM warranties"
            + " WHERE serial_key >= :k.from AND serial_key < :k.to AND serial_key LIKE :k.prefix" + Like.ESCAPE
            + " ORDER BY serial_key LIMIT :limit) warranty_starts_with"
            + " UNION ALL SELECT customer_id, serial_number FROM (SELECT customer_id, serial_number FROM warranties"
            + " WHERE serial_rkey >= :r.from AND serial_rkey < :r.to AND serial_rkey LIKE :r.prefix" + Like.ESCAPE
            + " ORDER BY serial_rkey LIMIT :limit) warranty_ends_with")
    List<CodeHit> bySerialNumber(@BindMethods("k") Range key, @BindMethods("r") Range reversed,
                                 @Bind("limit") int limit);
}
