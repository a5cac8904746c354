package io.aftercare.warranties;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** A warranty on one serial number, from its start to its end date inclusive. Immutable. */
public record Warranty(long id, long customerId, String serialNumber, String sku, String plan, LocalDate startsOn,
                       LocalDate endsOn) {

    /** Status and days left on a given day, for the API and the screen pop. */
    public WarrantyView on(LocalDate today) {
        String status = today.isBefore(startsOn) ? "upcoming" : today.isAfter(endsOn) ? "expired" : "active";
        long daysLeft = today.isAfter(endsOn) ? 0 : ChronoUnit.DAYS.between(today, endsOn);
        return new WarrantyView(id, customerId, serialNumber, sku, plan, startsOn, endsOn, status, daysLeft);
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }

    /** A warranty with its status on the day it was read. */
    public record WarrantyView(long id, long customerId, String serialNumber, String sku, String plan,
                               LocalDate startsOn, LocalDate endsOn, String status, long daysLeft) {}
}
