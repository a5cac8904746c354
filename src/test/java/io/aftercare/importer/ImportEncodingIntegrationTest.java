package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.customers.CustomerDetails;
import io.aftercare.importer.ImportReport.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Separators, encodings and byte order marks: detected or chosen, and never leaking into names or messages. */
class ImportEncodingIntegrationTest extends ImportTestBase {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Path file(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.write(part);
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private String nameOf(String externalRef) {
        return db.database.jdbi().withHandle(h -> h.createQuery("SELECT name FROM customers WHERE external_ref = :r")
                .bind("r", externalRef).mapTo(String.class).one());
    }

    @Test
    void semicolonAndTabSeparatedFilesAreDetectedWithQuotedDelimitersInFields() {
        ImportReport semicolons = db.importText(ImportKind.CUSTOMERS, "excel-fr.csv",
                "external_ref;name;phones\r\nC1;\"Zola; Émile\";+33 1 42 68 53 00\r\nC2;Lovelace, Ada;\r\n");
        ImportReport tabs = db.importText(ImportKind.CUSTOMERS, "export.csv",
                "external_ref\tname\tphones\nC3\t\"Hopper\tGrace\"\t\nC4\tBob, Jr.\t+1 212 555 0100\n");

        assertThat(semicolons.imported()).isEqualTo(2);
        assertThat(tabs.imported()).isEqualTo(1);
        assertThat(tabs.rejected()).as("the quoted tab stays in the name, which the API refuses").extracting(
                Rejection::line, Rejection::reason).containsExactly(
                org.assertj.core.api.Assertions.tuple(2L, "name must not contain control characters"));
        assertThat(nameOf("C1")).isEqualTo("Zola; Émile");
        assertThat(nameOf("C2")).isEqualTo("Lovelace, Ada");
        assertThat(nameOf("C4")).isEqualTo("Bob, Jr.");
    }

    @Test
    void aChosenDelimiterWinsOverDetection() {
        Path pipes = db.write("pipes.csv", "external_ref|name\nC1|Ada; Countess\n");

        ImportReport report = db.importer().importFile(ImportKind.CUSTOMERS, pipes,
                ImportOptions.DEFAULTS.withDelimiter(ImportOptions.delimiter("|")));

        assertThat(report.imported()).isEqualTo(1);
        assertThat(nameOf("C1")).isEqualTo("Ada; Countess");
        assertThat(ImportOptions.delimiter("tab")).isEqualTo('\t');
        assertThat(ImportOptions.delimiter("\\t")).isEqualTo('\t');
        assertThatThrownBy(() -> ImportOptions.delimiter(":")).isInstanceOf(ImportException.class)
                .hasMessage("unknown delimiter ':'; expected one of , ; | tab");
    }

    @Test
    void aWindows1252FileIsReadWithItsEncodingAndRefusedWithoutIt() throws IOException {
        Charset cp1252 = Charset.forName("windows-1252");
        Path file = file("excel.csv", "external_ref;name\nC1;Zoë “Zed” Müller – 5€\n".getBytes(cp1252));

        assertThatThrownBy(() -> db.importer().importFile(ImportKind.CUSTOMERS, file))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith(file + ":2: not valid UTF-8 text")
                .hasMessageContaining("try --encoding windows-1252")
                .hasMessageEndingWith("; 0 records before it were imported");
        ImportReport report = db.importer().importFile(ImportKind.CUSTOMERS, file,
                ImportOptions.DEFAULTS.withEncoding(ImportOptions.encoding("windows-1252")));

        assertThat(report.imported()).isEqualTo(1);
        assertThat(nameOf("C1")).isEqualTo("Zoë “Zed” Müller – 5€");
    }

    @Test
    void invalidUtf8NamesItsLineKeepsWhatCameBeforeAndNeverBecomesAReplacementCharacter() throws IOException {
        StringBuilder good = new StringBuilder("external_ref,name\n");
        for (int i = 1; i <= 7; i++) {
            good.append("C").append(i).append(",Zoë ").append(i).append('\n');
        }
        Path file = file("broken.csv", good.toString().getBytes(StandardCharsets.UTF_8),
                "C8,Zo".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xEB}, ",\nC9,Al\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> db.importer(3).importFile(ImportKind.CUSTOMERS, file))
                .isInstanceOf(ImportException.class)
                .hasMessage(file + ":9: not valid UTF-8 text (bytes 0xEB at byte offset 93); if it comes from Excel or"
                        + " another Windows program, try --encoding windows-1252 (or ISO-8859-1 for older Unix exports);"
                        + " 7 records before it were imported");
        assertThat(db.count("customers")).isEqualTo(7);
        long replaced = db.database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM customers WHERE name"
                + " LIKE :p").bind("p", "%\uFFFD%").mapTo(Long.class).one());
        assertThat(replaced).isZero();
    }

    @Test
    void utf8AndUtf16ByteOrderMarksChooseTheEncodingAndNeverReachHeaderNamesOrMessages() throws IOException {
        Path utf8 = file("bom8.csv", UTF8_BOM, "external_ref,name\nC1,Zoë\n".getBytes(StandardCharsets.UTF_8));
        Path utf16le = file("bom16le.csv", new byte[] {(byte) 0xFF, (byte) 0xFE},
                "external_ref\tname\r\nC2\tJürgen\r\n".getBytes(StandardCharsets.UTF_16LE));
        Path utf16be = file("bom16be.jsonl", new byte[] {(byte) 0xFE, (byte) 0xFF},
                "{\"externalRef\":\"C3\",\"name\":\"Chloé\"}\n".getBytes(StandardCharsets.UTF_16BE));
        Path badHeader = file("bad.csv", UTF8_BOM, "nom,name\nx,y\n".getBytes(StandardCharsets.UTF_8));
        Path badFirst = file("bad1.csv", UTF8_BOM, "name\nAda\n,\n".getBytes(StandardCharsets.UTF_8));

        assertThat(db.importer().importFile(ImportKind.CUSTOMERS, utf8).imported()).isEqualTo(1);
        assertThat(db.importer().importFile(ImportKind.CUSTOMERS, utf16le).imported()).isEqualTo(1);
        assertThat(db.importer().importFile(ImportKind.CUSTOMERS, utf16be).imported()).isEqualTo(1);
        assertThat(nameOf("C1")).isEqualTo("Zoë");
        assertThat(nameOf("C2")).isEqualTo("Jürgen");
        assertThat(nameOf("C3")).isEqualTo("Chloé");
        assertThatThrownBy(() -> db.importer().importFile(ImportKind.CUSTOMERS, badHeader))
                .hasMessageStartingWith(badHeader + ":1: unknown column 'nom'; ").hasMessageNotContaining("\uFEFF");
        ImportReport report = db.importer().importFile(ImportKind.CUSTOMERS, badFirst);
        assertThat(report.rejected()).extracting(Rejection::line, Rejection::reason)
                .containsExactly(org.assertj.core.api.Assertions.tuple(3L, "has 2 fields but the header has 1"));
        assertThat(report.rejected().toString()).doesNotContain("\uFEFF");
    }

    @Test
    void aByteOrderMarkThatContradictsTheChosenEncodingIsAnError() throws IOException {
        Path file = file("bom8.csv", UTF8_BOM, "name\nZoë\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> db.importer().importFile(ImportKind.CUSTOMERS, file,
                ImportOptions.DEFAULTS.withEncoding(ImportOptions.encoding("windows-1252"))))
                .isInstanceOf(ImportException.class)
                .hasMessage(file + ": the file starts with a UTF-8 byte order mark but --encoding windows-1252 was"
                        + " given; leave --encoding out or give UTF-8");
        assertThatThrownBy(() -> ImportOptions.encoding("klingon")).isInstanceOf(ImportException.class)
                .hasMessageStartingWith("unknown encoding 'klingon'");
        assertThat(db.customers.list(java.util.Optional.empty(), io.aftercare.web.PageRequest.first(10)).items())
                .extracting(CustomerDetails::name).isEmpty();
    }

    @Test
    void multiByteCharactersAcrossTheDecodersBufferBoundariesArriveWhole() {
        StringBuilder csv = new StringBuilder("external_ref,name\n");
        String name = "Zoë Ünal–Ørsted 東京 ".repeat(6).strip(); // 2- and 3-byte characters, odd lengths
        for (int i = 0; i < 2_000; i++) {
            csv.append("C").append(i).append(",\"").append(name).append("\"\n");
        }
        assertThat(csv.toString().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(3 * 65_536);

        ImportReport report = db.importText(ImportKind.CUSTOMERS, "long.csv", csv.toString());

        assertThat(report.imported()).isEqualTo(2_000);
        long whole = db.database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM customers WHERE name = :n")
                .bind("n", name).mapTo(Long.class).one());
        assertThat(whole).isEqualTo(2_000);
    }
}
