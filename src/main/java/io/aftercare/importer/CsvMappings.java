package io.aftercare.importer;

import io.aftercare.cases.CaseInput;
import io.aftercare.core.ValidationException;
import io.aftercare.customers.CustomerInput;
import io.aftercare.importer.CsvSource.CsvFields;
import io.aftercare.orders.OrderInput;
import io.aftercare.orders.Product;
import io.aftercare.warranties.WarrantyInput;
import java.util.List;

/**
 * Turns CSV rows into the services' input records. Only CSV concerns live here (numbers, flags and lists
 * written as text); every rule about the data itself is the services', so the API and imports agree.
 * Stateless.
 */
final class CsvMappings {
    private CsvMappings() {}

    static CustomerInput customer(CsvFields f) {
        List<String> phones = f.list("phones");
        return new CustomerInput(f.text("external_ref"), f.text("name"), f.text("email"), f.text("language"),
                f.text("tier"), f.text("country"), f.text("time_zone"), f.flag("survey_consent"),
                f.flag("do_not_call"), phones == null ? null : phones.stream().map(CsvMappings::phone).toList());
    }

    /** "+1 212 555 0100" or, with its kind, "work:+1 212 555 0100". */
    private static CustomerInput.PhoneInput phone(String item) {
        int colon = item.indexOf(':');
        return colon < 0 ? new CustomerInput.PhoneInput(item, null)
                : new CustomerInput.PhoneInput(item.substring(colon + 1).strip(), item.substring(0, colon).strip());
    }

    /** One order-line row; a value that cannot be read is kept as the row's problem so the row still groups. */
    record OrderRow(String orderNumber, String customerRef, String orderedOn, String currency, String channel,
                    OrderInput.LineInput line, String problem) {}

    static OrderRow orderRow(CsvFields f) {
        String number = f.text("order_number");
        String customerRef = f.text("customer_ref");
        String orderedOn = f.text("ordered_on");
        String currency = f.text("currency");
        String channel = f.text("channel");
        try {
            Long quantity = f.whole("quantity");
            if (quantity != null && (quantity < Integer.MIN_VALUE || quantity > Integer.MAX_VALUE)) {
                throw new ValidationException("quantity must be between 1 and 100000");
            }
            var line = new OrderInput.LineInput(f.text("sku"), f.text("product_name"), f.text("category"),
                    quantity == null ? null : quantity.intValue(), f.whole("unit_price"), f.list("serial_numbers"));
            return new OrderRow(number == null ? null : number.strip(), customerRef, orderedOn, currency, channel,
                    line, null);
        } catch (ValidationException e) {
            return new OrderRow(number == null ? null : number.strip(), customerRef, orderedOn, currency, channel,
                    null, e.getMessage());
        }
    }

    static WarrantyInput warranty(CsvFields f) {
        return new WarrantyInput(null, f.text("customer_ref"), f.text("serial_number"), f.text("sku"), f.text("plan"),
                f.text("starts_on"), f.text("ends_on"));
    }

    /** A product row; warranty_months defaults to 24, as for a product an order creates. */
    static Product product(CsvFields f) {
        Long months = f.whole("warranty_months");
        if (months != null && (months < 0 || months > Integer.MAX_VALUE)) {
            throw new ValidationException("warranty_months must be between 0 and 240");
        }
        return new Product(f.text("sku"), f.text("name"), f.text("category"), months == null ? 24 : months.intValue());
    }

    static CaseInput supportCase(CsvFields f) {
        return new CaseInput(null, f.text("customer_ref"), f.text("type"), f.text("status"), f.text("subject"),
                f.text("sku"), f.text("serial_number"), null);
    }
}
