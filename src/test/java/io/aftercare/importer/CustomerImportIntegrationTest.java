package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aftercare.customers.CustomerDetails;
import io.aftercare.customers.CustomerPhone;
import io.aftercare.importer.ImportReport.Rejection;
import org.junit.jupiter.api.Test;

class CustomerImportIntegrationTest extends ImportTestBase {

    @Test
    void csvCustomersWithQuotedFieldsAndSeveralPhonesAreImported() {
        ImportReport report = db.importText(ImportKind.CUSTOMERS, "customers.csv", """
                external_ref,name,email,language,tier,country,time_zone,phones,survey_consent,do_not_call
                C1,"Lovelace, Ada",ada@example.com,en,vip,GB,Europe/London,"+44 20 7946 0958; home:020 7946 0959",yes,no
                C2,"Jean ""Le Grand"" Dupont",,fr,standard,FR,,01 42 68 53 00,,true
                """);

        assertThat(report.read()).isEqualTo(2);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.rejected()).isEmpty();
        CustomerDetails ada = db.customers.findByPhone("+442079460959").orElseThrow();
        assertThat(ada.name()).isEqualTo("Lovelace, Ada");
        assertThat(ada.tier().code()).isEqualTo("vip");
        assertThat(ada.phones()).extracting(p -> p.e164().e164(), p -> p.kind().code())
                .containsExactlyInAnyOrder(tuple("+442079460958", "mobile"), tuple("+442079460959", "home"));
        CustomerDetails jean = db.customers.findByPhone("+33142685300").orElseThrow();
        assertThat(jean.name()).isEqualTo("Jean \"Le Grand\" Dupont");
        assertThat(jean.doNotCall()).isTrue();
        assertThat(jean.surveyConsent()).isTrue();
        // the bulk path writes what CustomerService.create writes: search keys and the routing journal
        java.util.List<String> keys = db.database.jdbi().withHandle(h -> h.createQuery("SELECT name_key || ' ' ||"
                + " coalesce(email_key, '-') FROM customers ORDER BY id").mapTo(String.class).list());
        java.util.List<Long> journal = db.database.jdbi().withHandle(h -> h.createQuery("SELECT customer_id FROM"
                + " customer_changes ORDER BY customer_id").mapTo(Long.class).list());
        assertThat(keys).containsExactly(io.aftercare.persistence.SearchKeys.text("Lovelace, Ada") + " "
                        + io.aftercare.persistence.SearchKeys.text("ada@example.com"),
                        io.aftercare.persistence.SearchKeys.text("Jean \"Le Grand\" Dupont") + " -");
        assertThat(journal).containsExactly(ada.id(), jean.id());
    }

    @Test
    void jsonLinesCustomersUseTheApiShape() {
        ImportReport report = db.importText(ImportKind.CUSTOMERS, "customers.jsonl", """
                {"externalRef":"C1","name":"Ada","country":"GB","phones":["+44 20 7946 0958",{"number":"020 7946 0959","kind":"work"}]}

                {"externalRef":"C2","name":"Bob","phones":["212 555 0100"]}
                """);

        assertThat(report.imported()).isEqualTo(2);
        assertThat(db.customers.findByPhone("+12125550100")).map(CustomerDetails::externalRef).contains("C2");
        assertThat(db.customers.findByPhone("+442079460959").orElseThrow().phones())
                .extracting(CustomerPhone::kind).extracting(k -> k.code()).contains("work");
    }

    @Test
    void importKeepsGoodLinesAndReportsBrokenOnesByLineNumber() {
        ImportReport report = db.importText(ImportKind.CUSTOMERS, "customers.csv", """
                external_ref,name,tier,phones
                C1,Good One,standard,+1 212 555 0100
                C2,Bad Phone,standard,12345
                C3,Bad Tier,platinum,
                C4,Too,Many,Fields,Here
                C5,"Broken"quote,standard,
                C6,Good Two,,+1 212 555 0101
                C7,,standard,
                """);

        assertThat(report.read()).isEqualTo(7);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.rejected()).extracting(Rejection::line).containsExactly(3L, 4L, 5L, 6L, 8L);
        assertThat(report.rejected().get(0).reason()).startsWith("phones[0]:");
        assertThat(report.rejected().get(1).reason()).contains("tier must be one of").contains("'platinum'");
        assertThat(report.rejected().get(2).reason()).isEqualTo("has 5 fields but the header has 4");
        assertThat(report.rejected().get(3).reason()).contains("after the closing quote");
        assertThat(report.rejected().get(4).reason()).isEqualTo("name is required");
        assertThat(db.count("customers")).isEqualTo(2);
        assertThat(db.count("customer_phones")).isEqualTo(2);
    }

    @Test
    void duplicatesInsideTheFilePointAtTheLineThatWasImported() {
        ImportReport report = db.importText(ImportKind.CUSTOMERS, "customers.csv", """
                external_ref,name,phones
                C1,Ada,+1 212 555 0100
                C1,Ada Again,+1 212 555 0199
                C2,Bob,(212) 555-0100
                """);

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.rejected()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(3L, "external_ref C1 already belongs to customer 1 (imported from line 2)"),
                tuple(4L, "phone +12125550100 already belongs to customer 1 (imported from line 2)"));
        assertThat(db.count("customers")).isEqualTo(1);
        assertThat(db.count("customer_phones")).isEqualTo(1);
    }

    @Test
    void duplicatesOfStoredCustomersAreRejectedOnASecondImport() {
        String csv = "external_ref,name,phones\nC1,Ada,+1 212 555 0100\nC2,Bob,+1 212 555 0101\n";
        db.importText(ImportKind.CUSTOMERS, "first.csv", csv);

        ImportReport again = db.importText(ImportKind.CUSTOMERS, "again.csv", csv);

        assertThat(again.imported()).isZero();
        assertThat(again.rejected()).extracting(Rejection::reason).containsExactly(
                "external_ref C1 already belongs to customer 1", "external_ref C2 already belongs to customer 2");
    }

    @Test
    void jsonLinesWithUnknownFieldsOrBrokenJsonAreRejectedPerLine() {
        ImportReport report = db.importText(ImportKind.CUSTOMERS, "customers.jsonl", """
                {"name":"Ada","nickname":"A"}
                {"name":"Bob",
                [1,2]
                {"name":"Cy","phones":["not a phone"]}
                {"name":"Di"}
                """);

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.rejected()).extracting(Rejection::line).containsExactly(1L, 2L, 3L, 4L);
        assertThat(report.rejected().get(0).reason()).startsWith("unknown field 'nickname'; known fields:");
        assertThat(report.rejected().get(1).reason()).startsWith("malformed JSON at column");
        assertThat(report.rejected().get(3).reason()).startsWith("phones[0]:");
    }

    @Test
    void aRejectedRecordDoesNotLoseTheRestOfItsChunk() {
        var file = db.write("customers.csv", """
                external_ref,name,phones
                C1,A,+1 212 555 0100
                C2,B,+1 212 555 0100
                C3,C,+1 212 555 0102
                C4,D,+1 212 555 0103
                C5,E,+1 212 555 0104
                """);

        ImportReport report = db.importer(2).importFile(ImportKind.CUSTOMERS, file);

        assertThat(report.imported()).isEqualTo(4);
        assertThat(report.rejected()).extracting(Rejection::line).containsExactly(3L);
        assertThat(db.count("customers")).isEqualTo(4);
        assertThat(db.count("customer_phones")).isEqualTo(4);
    }

    @Test
    void summaryCountsLinesAndRate() {
        ImportReport report = db.importText(ImportKind.CUSTOMERS, "c.csv", "name,email\nAda,\n,b@example.com\n");

        assertThat(report.summary()).matches("customers: 2 lines read, 1 imported, 1 rejected in \\d+\\.\\d s \\(\\d+ lines/s\\)");
    }
}
