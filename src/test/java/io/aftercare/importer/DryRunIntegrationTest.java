package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.importer.ImportReport.Rejection;
import io.aftercare.orders.Product;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A dry run reports what an import would do, duplicates across chunks included, and leaves every table as it was. */
class DryRunIntegrationTest {
    private static final List<String> TABLES = List.of("customers", "customer_phones", "customer_changes", "products",
            "orders", "order_lines", "order_line_serials");
    private static final ImportOptions DRY = ImportOptions.DEFAULTS.withDryRun(true);

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabases.kinds().toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDryRunReportsWhatWouldHappenAndWritesNothing(String kind) {
        try (TestDatabases.TestDb testDb = TestDatabases.open(kind, dir);
             ImportFixture db = ImportFixture.open(dir, testDb.config()).withCustomersAndProduct()) {
            Map<String, Long> before = counts(db);
            Path customers = db.write("customers.csv", """
                    external_ref;name;phones
                    C3;Grace;+1 212 555 0102
                    C1;Ada again;
                    C4;Bad phone;123
                    C5;Emile;+1 212 555 0105
                    C6;Copy of Grace;+1 212 555 0102
                    """);
            Path products = db.write("products.csv", "sku,name,category\nTV-55,Television,tv\nSB-1,Soundbar,audio\n");
            Path orders = db.write("orders.csv", """
                    order_number,customer_ref,ordered_on,currency,sku,product_name,category,quantity,unit_price
                    A-1,C1,2024-05-02,EUR,NEW-1,New thing,misc,1,100
                    A-2,C9,2024-05-02,EUR,TV-55,,,1,100
                    """);

            ImportReport c = db.importer(2).importFile(ImportKind.CUSTOMERS, customers, DRY);
            ImportReport p = db.importer(2).importFile(ImportKind.PRODUCTS, products, DRY);
            ImportReport o = db.importer(2).importFile(ImportKind.ORDERS, orders, DRY);

            assertThat(c.dryRun()).isTrue();
            assertThat(c.imported()).isEqualTo(2);
            assertThat(c.rejected()).extracting(Rejection::line).containsExactly(3L, 4L, 6L);
            assertThat(c.rejected()).extracting(Rejection::reason)
                    .contains("external_ref C1 already belongs to customer 1",
                            "phone +12125550102 already belongs to customer 3 (imported from line 2)");
            assertThat(c.summary()).startsWith("customers (dry run, nothing written): 5 lines read, 2 would be imported,"
                    + " 3 rejected in ");
            assertThat(p.imported()).isEqualTo(2);
            assertThat(p.updated()).isEqualTo(1);
            assertThat(p.summary()).contains("2 would be imported (1 would update existing ones)");
            assertThat(o.imported()).isEqualTo(1);
            assertThat(o.rejected()).extracting(Rejection::reason).containsExactly("no customer with external_ref C9");
            assertThat(counts(db)).isEqualTo(before);
            assertThat(db.orders.products(10, 0)).containsExactly(new Product("TV-55", "Television 55in", "tv", 24));

            ImportReport real = db.importer(2).importFile(ImportKind.CUSTOMERS, customers);
            assertThat(real.imported()).isEqualTo(c.imported());
            assertThat(real.rejected()).extracting(Rejection::line).isEqualTo(c.rejected().stream().map(Rejection::line).toList());
        }
    }

    private static Map<String, Long> counts(ImportFixture db) {
        return TABLES.stream().collect(Collectors.toMap(Function.identity(), db::count));
    }
}
