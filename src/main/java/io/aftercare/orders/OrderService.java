package io.aftercare.orders;

import io.aftercare.customers.CustomerChanges;
import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.customers.CustomerDao;
import io.aftercare.web.Cursor;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Records and reads orders with their lines and serial numbers. Thread-safe. */
public final class OrderService {
    private static final int MAX_LINES = 500;
    private static final int MAX_SERIALS_PER_LINE = 1000;

    private final Jdbi jdbi;
    private final Clock clock;

    public OrderService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public OrderDetails create(OrderInput input) {
        return jdbi.inTransaction(handle -> create(handle, input));
    }

    /** Creates an order inside the caller's transaction and returns it as stored. */
    public OrderDetails create(Handle handle, OrderInput input) {
        OrderDao dao = handle.attach(OrderDao.class);
        long orderId = insert(handle, dao, input);
        return details(dao, List.of(dao.find(orderId).orElseThrow())).get(0);
    }

    /**
     * Validates and stores an order inside the caller's transaction like {@link #create(Handle, OrderInput)},
     * without reading it back (the importer stores many and needs only the id); returns the order's id.
     */
    public long insert(Handle handle, OrderInput input) {
        return insert(handle, handle.attach(OrderDao.class), input);
    }

    private long insert(Handle handle, OrderDao dao, OrderInput input) {
        long customerId = handle.attach(CustomerDao.class).resolve(input.customerId(), input.customerRef());
        String number = required("orderNumber", input.orderNumber(), 64);
        if (dao.findByNumber(number).isPresent()) {
            throw new ConflictException("order " + number + " already exists");
        }
        LocalDate orderedOn = date("orderedOn", input.orderedOn());
        String currency = currency(input.currency());
        String channel = input.channel() == null ? "web" : required("channel", input.channel(), 32);
        List<OrderInput.LineInput> lines = input.lines() == null ? List.of() : input.lines();
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new ValidationException("an order needs 1 to " + MAX_LINES + " lines");
        }
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            total = Math.addExact(total, Math.multiplyExact(quantity(i, lines.get(i)), price(i, lines.get(i))));
        }
        long orderId = dao.insertOrder(new Order(0, number, customerId, orderedOn, total, currency, channel,
                clock.instant()));
        for (int i = 0; i < lines.size(); i++) {
            OrderInput.LineInput line = lines.get(i);
            String sku = product(dao, i, line);
            long lineId = dao.insertLine(new OrderLine(0, orderId, i + 1, sku, null, null, quantity(i, line),
                    price(i, line), List.of()));
            List<String> serials = serials(i, line);
            if (!serials.isEmpty()) {
                dao.insertSerials(lineId, serials);
            }
        }
        CustomerChanges.changed(handle, customerId, clock.instant());
        return orderId;
    }

    public OrderDetails get(long id) {
        return jdbi.withHandle(handle -> {
            OrderDao dao = handle.attach(OrderDao.class);
            Order order = dao.find(id).orElseThrow(() -> new NotFoundException("order " + id + " does not exist"));
            return details(dao, List.of(order)).get(0);
        });
    }

    public List<OrderDetails> byNumber(String number) {
        return jdbi.withHandle(handle -> {
            OrderDao dao = handle.attach(OrderDao.class);
            return details(dao, dao.findByNumber(number).stream().toList());
        });
    }

    public List<OrderDetails> bySerial(String serial) {
        return jdbi.withHandle(handle -> {
            OrderDao dao = handle.attach(OrderDao.class);
            return details(dao, dao.findBySerial(serial));
        });
    }

    /** A customer's orders, newest first, one page at a time. */
    public Page<OrderDetails> ofCustomer(long customerId, PageRequest page) {
        return jdbi.withHandle(handle -> {
            if (handle.attach(CustomerDao.class).find(customerId).isEmpty()) {
                throw new NotFoundException("customer " + customerId + " does not exist");
            }
            OrderDao dao = handle.attach(OrderDao.class);
            String day = page.after() == null ? "9999-12-31" : LocalDate.ofEpochDay(page.after().key()).toString();
            long id = page.after() == null ? Long.MAX_VALUE : page.after().id();
            return Page.of(details(dao, dao.ofCustomer(customerId, day, id, page.fetch())), page,
                    OrderService::position, null);
        });
    }

    /** Where an order stands in a customer's orders, newest first (the screen pop's first page ends there too). */
    public static Cursor position(OrderDetails order) {
        return new Cursor(order.orderedOn().toEpochDay(), order.id());
    }

    public Product saveProduct(Product product) {
        return jdbi.inTransaction(handle -> {
            saveProduct(handle, product);
            return handle.attach(OrderDao.class).product(product.sku()).orElseThrow();
        });
    }

    /**
     * Validates and creates or replaces a product (by SKU) inside the caller's transaction, as
     * {@code POST /api/products} does; true when the SKU was new, false when an existing product was updated.
     */
    public boolean saveProduct(Handle handle, Product product) {
        required("sku", product.sku(), 64);
        required("name", product.name(), 200);
        required("category", product.category(), 64);
        if (product.warrantyMonths() < 0 || product.warrantyMonths() > 240) {
            throw new ValidationException("warrantyMonths must be between 0 and 240");
        }
        OrderDao dao = handle.attach(OrderDao.class);
        boolean created = dao.product(product.sku()).isEmpty();
        dao.upsertProduct(product);
        CustomerChanges.everyoneChanged(handle, clock.instant()); // a category routing reads may have changed
        return created;
    }

    public List<Product> products(int limit, int offset) {
        return jdbi.withHandle(handle -> handle.attach(OrderDao.class).products(limit, offset));
    }

    static List<OrderDetails> details(OrderDao dao, List<Order> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        List<Long> ids = orders.stream().map(Order::id).toList();
        Map<Long, List<String>> serials = dao.serials(ids).stream().collect(Collectors.groupingBy(
                OrderDao.SerialRow::orderLineId, Collectors.mapping(OrderDao.SerialRow::serialNumber, Collectors.toList())));
        Map<Long, List<OrderLine>> lines = dao.lines(ids).stream()
                .map(row -> row.toLine(serials.getOrDefault(row.id(), List.of())))
                .collect(Collectors.groupingBy(OrderLine::orderId));
        return orders.stream().map(o -> OrderDetails.of(o, lines.getOrDefault(o.id(), List.of()))).toList();
    }

    private static String product(OrderDao dao, int i, OrderInput.LineInput line) {
        String sku = required("lines[" + i + "].sku", line.sku(), 64);
        if (dao.product(sku).isEmpty()) {
            if (line.productName() == null || line.category() == null) {
                throw new ValidationException("lines[" + i + "]: unknown sku " + sku
                        + " (send productName and category to create it)");
            }
            dao.insertProduct(new Product(sku, required("lines[" + i + "].productName", line.productName(), 200),
                    required("lines[" + i + "].category", line.category(), 64), 24));
        }
        return sku;
    }

    private static int quantity(int i, OrderInput.LineInput line) {
        if (line.quantity() == null || line.quantity() < 1 || line.quantity() > 100_000) {
            throw new ValidationException("lines[" + i + "].quantity must be between 1 and 100000");
        }
        return line.quantity();
    }

    private static long price(int i, OrderInput.LineInput line) {
        if (line.unitPrice() == null || line.unitPrice() < 0 || line.unitPrice() > 1_000_000_000_00L) {
            throw new ValidationException("lines[" + i + "].unitPrice must be a non-negative amount in minor units");
        }
        return line.unitPrice();
    }

    private static List<String> serials(int i, OrderInput.LineInput line) {
        List<String> serials = line.serialNumbers() == null ? List.of() : line.serialNumbers();
        if (serials.size() > MAX_SERIALS_PER_LINE) {
            throw new ValidationException("lines[" + i + "]: at most " + MAX_SERIALS_PER_LINE + " serial numbers");
        }
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String serial : serials) {
            String s = required("lines[" + i + "].serialNumbers", serial, 64);
            if (seen.add(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static LocalDate date(String field, String value) {
        if (value == null) {
            throw new ValidationException(field + " is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw new ValidationException(field + " must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }

    private static String currency(String value) {
        if (value == null) {
            throw new ValidationException("currency is required (ISO 4217, e.g. USD)");
        }
        try {
            return Currency.getInstance(value.strip()).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new ValidationException("currency must be an ISO 4217 code such as USD or EUR, got '" + value + "'");
        }
    }

    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field + " is required");
        }
        String stripped = value.strip();
        if (stripped.length() > max || stripped.chars().anyMatch(ch -> ch < 0x20)) {
            throw new ValidationException(field + " must be at most " + max + " printable characters");
        }
        return stripped;
    }
}
