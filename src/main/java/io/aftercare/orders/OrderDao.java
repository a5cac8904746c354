package io.aftercare.orders;

import io.aftercare.persistence.SearchKeys;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Products, orders, lines and serial numbers in SQL; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(Product.class)
@RegisterConstructorMapper(Order.class)
public interface OrderDao {
    String ORDER_COLUMNS = "id, order_number, customer_id, ordered_on, total_minor, currency, channel, created_at";

    @SqlUpdate("INSERT INTO products (sku, name, category, warranty_months) VALUES (:sku, :name, :category,"
            + " :warrantyMonths) ON CONFLICT (sku) DO NOTHING")
    int insertProduct(@BindMethods Product product);

    @SqlUpdate("INSERT INTO products (sku, name, category, warranty_months) VALUES (:sku, :name, :category,"
            + " :warrantyMonths) ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,"
            + " warranty_months = excluded.warranty_months")
    int upsertProduct(@BindMethods Product product);

    @SqlQuery("SELECT sku, name, category, warranty_months FROM products WHERE sku = :sku")
    Optional<Product> product(@Bind("sku") String sku);

    @SqlQuery("SELECT sku, name, category, warranty_months FROM products ORDER BY sku LIMIT :limit OFFSET :offset")
    List<Product> products(@Bind("limit") int limit, @Bind("offset") int offset);

    /** Inserts the order with its search keys (sql/V21); returns the new id. */
    default long insertOrder(Order order) {
        String key = SearchKeys.code(order.orderNumber());
        return insertOrder(order, key, SearchKeys.reversed(key));
    }

    @SqlQuery("INSERT INTO orders (order_number, customer_id, ordered_on, total_minor, currency, channel, created_at,"
            + " number_key, number_rkey) VALUES (:orderNumber, :customerId, :orderedOn, :totalMinor, :currency,"
            + " :channel, :createdAt, :key, :rkey) RETURNING id")
    long insertOrder(@BindMethods Order order, @Bind("key") String key, @Bind("rkey") String rkey);

    @SqlQuery("INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_minor)"
            + " VALUES (:orderId, :lineNo, :sku, :quantity, :unitPriceMinor) RETURNING id")
    long insertLine(@BindMethods OrderLine line);

    /** Inserts a line's serial numbers with their search keys (sql/V21). */
    default void insertSerials(long lineId, List<String> serials) {
        List<String> keys = serials.stream().map(SearchKeys::code).toList();
        insertSerials(lineId, serials, keys, keys.stream().map(SearchKeys::reversed).toList());
    }

    @SqlBatch("INSERT INTO order_line_serials (order_line_id, serial_number, serial_key, serial_rkey)"
            + " VALUES (:lineId, :serial, :key, :rkey)")
    void insertSerials(@Bind("lineId") long lineId, @Bind("serial") List<String> serials,
                       @Bind("key") List<String> keys, @Bind("rkey") List<String> rkeys);

    @SqlQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = :id")
    Optional<Order> find(@Bind("id") long id);

    @SqlQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE order_number = :number")
    Optional<Order> findByNumber(@Bind("number") String orderNumber);

    @SqlQuery("SELECT DISTINCT o.id, o.order_number, o.customer_id, o.ordered_on, o.total_minor, o.currency, o.channel,"
            + " o.created_at FROM orders o JOIN order_lines l ON l.order_id = o.id"
            + " JOIN order_line_serials s ON s.order_line_id = l.id WHERE s.serial_number = :serial ORDER BY o.id")
    List<Order> findBySerial(@Bind("serial") String serial);

    /** Newest first after the keyset position (ordered_on, id) = (:day, :id); the first page: ('9999-12-31', max). */
    @SqlQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE customer_id = :customerId"
            + " AND ordered_on <= :day AND (ordered_on < :day OR id < :id)"
            + " ORDER BY ordered_on DESC, id DESC LIMIT :limit")
    List<Order> ofCustomer(@Bind("customerId") long customerId, @Bind("day") String day, @Bind("id") long id,
                           @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM orders WHERE customer_id = :customerId")
    long countOfCustomer(@Bind("customerId") long customerId);

    @SqlQuery("SELECT l.id, l.order_id, l.line_no, l.sku, p.name AS product_name, p.category, l.quantity,"
            + " l.unit_price_minor FROM order_lines l JOIN products p ON p.sku = l.sku"
            + " WHERE l.order_id IN (<orderIds>) ORDER BY l.order_id, l.line_no")
    @RegisterConstructorMapper(LineRow.class)
    List<LineRow> lines(@BindList("orderIds") List<Long> orderIds);

    @SqlQuery("SELECT s.order_line_id, s.serial_number FROM order_line_serials s JOIN order_lines l"
            + " ON l.id = s.order_line_id WHERE l.order_id IN (<orderIds>) ORDER BY s.serial_number")
    @RegisterConstructorMapper(SerialRow.class)
    List<SerialRow> serials(@BindList("orderIds") List<Long> orderIds);

    /** A line row before serials are attached. */
    record LineRow(long id, long orderId, int lineNo, String sku, String productName, String category, int quantity,
                   long unitPriceMinor) {
        OrderLine toLine(List<String> serials) {
            return new OrderLine(id, orderId, lineNo, sku, productName, category, quantity, unitPriceMinor,
                    List.copyOf(serials));
        }
    }

    /** One serial number of one line. */
    record SerialRow(long orderLineId, String serialNumber) {}
}
