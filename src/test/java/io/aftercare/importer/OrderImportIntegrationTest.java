package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aftercare.importer.ImportReport.Rejection;
import io.aftercare.orders.OrderDetails;
import io.aftercare.orders.OrderLine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OrderImportIntegrationTest extends ImportTestBase {
    private static final String HEADER =
            "order_number,customer_ref,ordered_on,currency,channel,sku,product_name,category,quantity,unit_price,serial_numbers\n";

    @Override
    ImportFixture fixture(Path folder) {
        return ImportFixture.open(folder).withCustomersAndProduct();
    }

    @Test
    void consecutiveRowsWithTheSameOrderNumberFormOneOrderWithSerials() {
        ImportReport report = db.importText(ImportKind.ORDERS, "orders.csv", HEADER + """
                A-1,C1,2024-05-02,USD,web,TV-55,,,1,49900,SN-1
                A-1,C1,2024-05-02,USD,web,SB-1,"Soundbar, 2.1",audio,2,12950,"SN-2; SN-3"
                A-2,C2,2024-06-10,EUR,store,TV-55,,,1,52900,
                """);

        assertThat(report.read()).isEqualTo(3);
        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.rejected()).isEmpty();
        OrderDetails a1 = db.orders.byNumber("A-1").get(0);
        assertThat(a1.totalMinor()).isEqualTo(49900 + 2 * 12950);
        assertThat(a1.lines()).extracting(OrderLine::sku, OrderLine::productName, OrderLine::serialNumbers)
                .containsExactly(tuple("TV-55", "Television 55in", java.util.List.of("SN-1")),
                        tuple("SB-1", "Soundbar, 2.1", java.util.List.of("SN-2", "SN-3")));
        assertThat(db.orders.bySerial("SN-3")).extracting(OrderDetails::orderNumber).containsExactly("A-1");
        assertThat(db.count("orders")).isEqualTo(2);
    }

    @Test
    void anOrderWithOneBadLineIsRejectedWholeAndEveryRowIsReported() {
        ImportReport report = db.importText(ImportKind.ORDERS, "orders.csv", HEADER + """
                A-1,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                A-1,C1,2024-05-02,USD,web,NEW-SKU,,,1,100,
                A-1,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                A-2,C1,2024-05-02,USD,web,TV-55,,,two,49900,
                A-3,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                A-3,C2,2024-05-02,USD,web,TV-55,,,1,49900,
                A-4,C9,2024-05-02,USD,web,TV-55,,,1,49900,
                A-5,C1,2024-02-30,USD,web,TV-55,,,1,49900,
                A-6,C1,2024-05-02,USD,web,TV-55,,,0,49900,
                A-7,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                """);

        assertThat(report.read()).isEqualTo(10);
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.rejected()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(2L, "order A-1 not imported: see line 3"),
                tuple(3L, "unknown sku NEW-SKU (send product_name and category to create it)"),
                tuple(4L, "order A-1 not imported: see line 3"),
                tuple(5L, "quantity must be a whole number, got 'two'"),
                tuple(6L, "order A-3 not imported: see line 7"),
                tuple(7L, "customer_ref 'C2' differs from line 6 of order A-3"),
                tuple(8L, "no customer with external_ref C9"),
                tuple(9L, "ordered_on must be a date YYYY-MM-DD, got '2024-02-30'"),
                tuple(10L, "quantity must be between 1 and 100000"));
        assertThat(db.count("orders")).isEqualTo(1);
        assertThat(db.count("order_lines")).isEqualTo(1);
        assertThat(db.count("products")).isEqualTo(1);
    }

    @Test
    void anUnreadableRowBetweenRowsOfOneOrderRejectsTheWholeOrder() {
        ImportReport report = db.importText(ImportKind.ORDERS, "orders.csv", HEADER + """
                A-1,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                A-1,C1,2024-05-02,USD,web,TV-55,,,1,49900,"SN-1"x
                A-1,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                A-2,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                A-3,C1,2024-05-02,USD,web,TV-55
                """);

        assertThat(report.rejected()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(2L, "order A-1 not imported: see line 3"),
                tuple(3L, "unexpected character after the closing quote of field 11"),
                tuple(4L, "order A-1 not imported: see line 3"),
                tuple(6L, "has 6 fields but the header has 11"));
        assertThat(db.orders.byNumber("A-1")).isEmpty();
        assertThat(db.orders.byNumber("A-2")).hasSize(1);
    }

    @Test
    void anOrderNumberSeenAgainLaterInTheFileOrInTheDatabaseIsADuplicate() {
        db.importText(ImportKind.ORDERS, "first.csv", HEADER + "A-1,C1,2024-05-02,USD,web,TV-55,,,1,49900,\n");

        ImportReport report = db.importText(ImportKind.ORDERS, "orders.csv", HEADER + """
                A-1,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                A-2,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                A-3,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                A-2,C1,2024-05-02,USD,web,TV-55,,,1,49900,
                """);

        assertThat(report.rejected()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(2L, "order A-1 already exists"),
                tuple(5L, "order A-2 already exists (imported from line 3)"));
        assertThat(report.imported()).isEqualTo(2);
    }

    @Test
    void jsonLinesOrdersCarryTheirLinesInOneObject() {
        ImportReport report = db.importText(ImportKind.ORDERS, "orders.jsonl", """
                {"orderNumber":"J-1","customerRef":"C1","orderedOn":"2024-05-02","currency":"USD","lines":[{"sku":"TV-55","quantity":1,"unitPrice":49900,"serialNumbers":["SN-9"]},{"sku":"CAB-1","productName":"HDMI cable","category":"accessory","quantity":3,"unitPrice":999}]}
                {"orderNumber":"J-2","customerRef":"C1","orderedOn":"2024-05-02","currency":"USD","lines":[{"sku":"TV-55","quantity":-1,"unitPrice":49900}]}
                {"orderNumber":"J-3","customerRef":"C1","orderedOn":"2024-05-02","currency":"USD","lines":[{"sku":"TV-55","qty":1}]}
                """);

        assertThat(report.read()).isEqualTo(3);
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.rejected()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(2L, "lines[0].quantity must be between 1 and 100000"),
                tuple(3L, "unknown field 'qty'; known fields: category, productName, quantity, serialNumbers, sku, unitPrice"));
        assertThat(db.orders.byNumber("J-1").get(0).lines()).hasSize(2);
        assertThat(db.orders.bySerial("SN-9")).hasSize(1);
    }
}
