package io.aftercare.orders;

import java.util.List;

/** One line of an order with its product and the serial numbers shipped on it. Immutable. */
public record OrderLine(long id, long orderId, int lineNo, String sku, String productName, String category,
                        int quantity, long unitPriceMinor, List<String> serialNumbers) {}
