package io.aftercare.orders;

/** A product the business sells, with the manufacturer warranty it comes with. Immutable. */
public record Product(String sku, String name, String category, int warrantyMonths) {}
