package io.aftercare.orders;

import java.time.LocalDate;
import java.util.List;

/** An order with its lines, as the API and the screen pop show it. Immutable. */
public record OrderDetails(long id, String orderNumber, long customerId, LocalDate orderedOn, long totalMinor,
                           String currency, String channel, List<OrderLine> lines) {

    static OrderDetails of(Order order, List<OrderLine> lines) {
        return new OrderDetails(order.id(), order.orderNumber(), order.customerId(), order.orderedOn(),
                order.totalMinor(), order.currency(), order.channel(), List.copyOf(lines));
    }
}
