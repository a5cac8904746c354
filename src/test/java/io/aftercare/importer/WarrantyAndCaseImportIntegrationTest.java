package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aftercare.cases.SupportCase;
import io.aftercare.importer.ImportReport.Rejection;
import io.aftercare.warranties.Warranty;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WarrantyAndCaseImportIntegrationTest extends ImportTestBase {
    @Override
    ImportFixture fixture(Path folder) {
        return ImportFixture.open(folder).withCustomersAndProduct();
    }

    @Test
    void csvWarrantiesAreImportedAndBadOnesReportedByLine() {
        ImportReport report = db.importText(ImportKind.WARRANTIES, "warranties.csv", """
                customer_ref,serial_number,sku,plan,starts_on,ends_on
                C1,SN-1,TV-55,,2024-05-02,2026-05-02
                C1,SN-1,TV-55,extended-2y,2026-05-02,2028-05-02
                C1,SN-1,TV-55,manufacturer,2024-05-02,2026-05-02
                C1,SN-2,TV-55,,2024-05-02,2023-01-01
                C1,SN-3,NOPE,,2024-05-02,2026-05-02
                C1,SN-4,TV-55,,05/02/2024,2026-05-02
                """);

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.rejected()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(4L, "serial SN-1 already has a manufacturer warranty (imported from line 2)"),
                tuple(5L, "ends_on 2023-01-01 is before starts_on 2024-05-02"),
                tuple(6L, "unknown sku NOPE"),
                tuple(7L, "starts_on must be a date YYYY-MM-DD, got '05/02/2024'"));
        assertThat(db.warranties.bySerial("SN-1")).extracting(Warranty.WarrantyView::plan)
                .containsExactlyInAnyOrder("manufacturer", "extended-2y");
    }

    @Test
    void jsonLinesWarrantiesUseTheApiShape() {
        ImportReport report = db.importText(ImportKind.WARRANTIES, "warranties.jsonl", """
                {"customerRef":"C2","serialNumber":"SN-7","sku":"TV-55","startsOn":"2024-01-01","endsOn":"2025-12-31"}
                {"customerRef":"C2","serialNumber":"SN-8","sku":"TV-55","startsOn":"2024-01-01"}
                """);

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.rejected()).extracting(Rejection::reason).containsExactly("endsOn is required (YYYY-MM-DD)");
        assertThat(db.warranties.bySerial("SN-7").get(0).endsOn()).isEqualTo(LocalDate.parse("2025-12-31"));
    }

    @Test
    void csvCasesAreImportedAndAQuotedLineBreakKeepsLaterLineNumbersRight() {
        ImportReport report = db.importText(ImportKind.CASES, "cases.csv", """
                customer_ref,type,status,subject,sku,serial_number
                C1,repair,,"Screen flickers, \"\"sometimes\"\"\",TV-55,SN-1
                C2,return,closed,Changed mind,,
                C1,warranty,,Unknown type,,
                C1,technical,open,"Two
                lines",,
                C3,complaint,,No such customer,,
                """);

        assertThat(report.read()).isEqualTo(5);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.rejected()).extracting(Rejection::line).containsExactly(4L, 5L, 7L);
        assertThat(report.rejected().get(0).reason()).startsWith("type must be one of");
        // the API refuses control characters in a subject, so the import does too
        assertThat(report.rejected().get(1).reason()).isEqualTo("subject must be at most 500 printable characters");
        assertThat(report.rejected().get(2).reason()).isEqualTo("no customer with external_ref C3");
        long ada = db.customers.withDao(dao -> dao.findByExternalRef("C1")).orElseThrow().id();
        assertThat(db.cases.ofCustomer(ada, io.aftercare.web.PageRequest.first(10)).items()).extracting(SupportCase::subject)
                .containsExactly("Screen flickers, \"sometimes\"");
    }

    @Test
    void jsonLinesCasesUseTheApiShape() {
        ImportReport report = db.importText(ImportKind.CASES, "cases.jsonl", """
                {"customerRef":"C1","type":"technical","subject":"No sound"}
                {"customerRef":"C1","type":"technical","ownerAgentId":999}
                """);

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.rejected()).extracting(Rejection::line, Rejection::reason)
                .containsExactly(tuple(2L, "agent 999 does not exist"));
    }
}
