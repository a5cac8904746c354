package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.importer.ImportReport.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImportFileErrorsIntegrationTest extends ImportTestBase {

    @Test
    void aHeaderWithoutARequiredColumnOrWithAColumnTwiceStopsBeforeAnythingIsStored() {
        assertThatThrownBy(() -> db.importText(ImportKind.ORDERS, "orders.csv", "order_number,sku\nA-1,TV\n"))
                .isInstanceOf(ImportException.class)
                .hasMessageEndingWith("orders.csv:1: the header lacks the column 'customer_ref'");
        assertThatThrownBy(() -> db.importText(ImportKind.CUSTOMERS, "c.csv", "name,Name\nAda,Ada\n"))
                .isInstanceOf(ImportException.class).hasMessageEndingWith("c.csv:1: column 'name' appears twice");
        assertThatThrownBy(() -> db.importText(ImportKind.CUSTOMERS, "empty.csv", ""))
                .isInstanceOf(ImportException.class).hasMessageContaining("empty.csv:1: the file is empty");
        assertThat(db.count("customers")).isZero();
    }

    @Test
    void bytesThatAreNotUtf8StopTheImportWithAClearError() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "name\nZo\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> db.importer().importFile(ImportKind.CUSTOMERS, file))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith(file + ":2: not valid UTF-8 text (bytes 0xE9 at byte offset 7); if it comes"
                        + " from Excel or another Windows program, try --encoding windows-1252");
    }

    @Test
    void aByteOrderMarkCrlfLineEndsAndBlankLinesAreAccepted() {
        ImportReport csv = db.importText(ImportKind.CUSTOMERS, "bom.csv",
                "\uFEFFexternal_ref,name\r\nC1,Ada\r\n\r\nC2,Bob\r\nC3,\r\n");
        ImportReport jsonl = db.importText(ImportKind.CUSTOMERS, "bom.jsonl", "\uFEFF{\"name\":\"Cy\"}\r\n\r\n{\"name\":1.5e}\n");

        assertThat(csv.imported()).isEqualTo(2);
        assertThat(csv.rejected()).extracting(Rejection::line).containsExactly(5L);
        assertThat(jsonl.imported()).isEqualTo(1);
        assertThat(jsonl.rejected()).extracting(Rejection::line).containsExactly(3L);
    }

    @Test
    void unknownKindsAndExtensionsAreNamedInTheError() {
        assertThatThrownBy(() -> ImportKind.parse("invoices")).isInstanceOf(ImportException.class)
                .hasMessage("unknown import kind 'invoices'; expected one of customers, orders, warranties, cases,"
                        + " products");
        assertThatThrownBy(() -> db.importer().importFile(ImportKind.CASES, dir.resolve("cases.xlsx")))
                .isInstanceOf(ImportException.class).hasMessageEndingWith("cases.xlsx: unknown file type; expected a .csv or .jsonl file");
        assertThatThrownBy(() -> db.importer().importFile(ImportKind.CASES, dir.resolve("missing.jsonl")))
                .isInstanceOf(ImportException.class).hasMessageEndingWith("missing.jsonl: no such file");
    }
}
