package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aftercare.importer.ImportReport.Rejection;
import io.aftercare.orders.Product;
import org.junit.jupiter.api.Test;

class ProductImportIntegrationTest extends ImportTestBase {

    @Test
    void productsAreUpsertedBySkuAndTheUpdatesCounted() {
        db.orders.saveProduct(new Product("TV-55", "Old name", "tv", 12));

        ImportReport report = db.importText(ImportKind.PRODUCTS, "products.csv", """
                sku,name,category,warranty_months
                TV-55,"Television 55"", 4K",tv,36
                SB-1,Soundbar,audio,
                CAB-1,,accessory,12
                CAB-2,Cable,accessory,-1
                CAB-3,Cable,accessory,twelve
                SB-1,Soundbar 2.1,audio,24
                """);

        assertThat(report.read()).isEqualTo(6);
        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.updated()).as("TV-55 existed, SB-1 came twice").isEqualTo(2);
        assertThat(report.rejected()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(4L, "name is required"),
                tuple(5L, "warranty_months must be between 0 and 240"),
                tuple(6L, "warranty_months must be a whole number, got 'twelve'"));
        assertThat(report.summary()).startsWith("products: 6 lines read, 3 imported (2 updated), 3 rejected in ");
        assertThat(db.orders.products(10, 0)).containsExactly(
                new Product("SB-1", "Soundbar 2.1", "audio", 24),
                new Product("TV-55", "Television 55\", 4K", "tv", 36));
    }

    @Test
    void jsonLinesProductsUseTheApiShape() {
        ImportReport report = db.importText(ImportKind.PRODUCTS, "products.jsonl", """
                {"sku":"TV-55","name":"Television","category":"tv","warrantyMonths":24}
                {"sku":"TV-65","name":"Television","category":"tv","warrantyMonths":999}
                """);

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.rejected()).extracting(Rejection::reason)
                .containsExactly("warrantyMonths must be between 0 and 240");
        assertThat(db.count("products")).isEqualTo(1);
    }
}
