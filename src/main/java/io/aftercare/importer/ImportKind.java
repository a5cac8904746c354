package io.aftercare.importer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an import file holds, with the CSV columns each kind accepts (documented in doc/import.md) and
 * those a header must name. Immutable.
 */
public enum ImportKind {
    CUSTOMERS(List.of("external_ref", "name", "email", "language", "tier", "country", "time_zone", "phones",
            "survey_consent", "do_not_call"), Set.of("name")),
    ORDERS(List.of("order_number", "customer_ref", "ordered_on", "currency", "channel", "sku", "product_name",
            "category", "quantity", "unit_price", "serial_numbers"), Set.of("order_number", "customer_ref", "sku")),
    WARRANTIES(List.of("customer_ref", "serial_number", "sku", "plan", "starts_on", "ends_on"),
            Set.of("customer_ref", "serial_number", "sku")),
    CASES(List.of("customer_ref", "type", "status", "subject", "sku", "serial_number"), Set.of("customer_ref", "type")),
    PRODUCTS(List.of("sku", "name", "category", "warranty_months"), Set.of("sku", "name", "category"));

    private final List<String> columns;
    private final Set<String> requiredColumns;

    ImportKind(List<String> columns, Set<String> requiredColumns) {
        this.columns = columns;
        this.requiredColumns = requiredColumns;
    }

    /** The name used on the command line and in reports: customers, orders, warranties, cases, products. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every CSV column this kind accepts, in the documented order. */
    public List<String> columns() {
        return columns;
    }

    /** The CSV columns a header must contain. */
    public Set<String> requiredColumns() {
        return requiredColumns;
    }

    /** The kind named {@code code}, or an {@link ImportException} listing the kinds. */
    public static ImportKind parse(String code) {
        for (ImportKind kind : values()) {
            if (kind.code().equals(code == null ? "" : code.strip().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new ImportException("unknown import kind '" + code + "'; expected one of "
                + Arrays.stream(values()).map(ImportKind::code).collect(Collectors.joining(", ")));
    }
}
