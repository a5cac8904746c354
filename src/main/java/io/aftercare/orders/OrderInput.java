package io.aftercare.orders;

import java.util.List;

/**
 * An order as a shop or ERP sends it. A line may carry the product's name and category, which creates the
 * product when its SKU is new. Immutable.
 */
public record OrderInput(String orderNumber, Long customerId, String customerRef, String orderedOn, String currency,
                         String channel, List<LineInput> lines) {

    /** One order line; unitPrice is in minor units (cents). */
    public record LineInput(String sku, String productName, String category, Integer quantity, Long unitPrice,
                            List<String> serialNumbers) {}
}
