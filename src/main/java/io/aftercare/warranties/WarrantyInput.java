package io.aftercare.warranties;

/** A warranty as a client sends it. Immutable. */
public record WarrantyInput(Long customerId, String customerRef, String serialNumber, String sku, String plan,
                            String startsOn, String endsOn) {}
