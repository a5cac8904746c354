package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    private static List<CsvParser.Row> parse(String text) throws IOException {
        CsvParser parser = new CsvParser(new StringReader(text));
        List<CsvParser.Row> rows = new ArrayList<>();
        for (CsvParser.Row row = parser.next(); row != null; row = parser.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
        List<CsvParser.Row> rows = parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\"\"\n");

        assertThat(rows).extracting(CsvParser.Row::fields).containsExactly(
                List.of("a", "b", "c"),
                List.of("x, y", "say \"hi\"", "two\nlines"),
                List.of("last", "", ""));
        assertThat(rows).extracting(CsvParser.Row::line).containsExactly(1L, 2L, 4L);
    }

    @Test
    void crlfAndMissingFinalNewlineEndRecords() throws IOException {
        List<CsvParser.Row> rows = parse("a,b\r\n1,2\r\n3,4");

        assertThat(rows).extracting(CsvParser.Row::fields)
                .containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
        assertThat(rows).extracting(CsvParser.Row::line).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aStrayQuoteBreaksOnlyItsOwnLine() throws IOException {
        List<CsvParser.Row> rows = parse("a,b\nab\"c,d\n\"x\"y,z\nok,1\n");

        assertThat(rows.get(1).error()).contains("unexpected quote inside unquoted field 1");
        assertThat(rows.get(2).error()).contains("after the closing quote of field 1");
        assertThat(rows.get(3).fields()).containsExactly("ok", "1");
        assertThat(rows.get(3).line()).isEqualTo(4);
    }

    @Test
    void anUnclosedQuoteIsReportedOnTheLineItOpens() throws IOException {
        List<CsvParser.Row> rows = parse("a,b\n1,2\n3,\"open\n4,5\n");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(2).error()).isEqualTo("quoted field opened on line 3 is never closed");
    }

    @Test
    void blankLinesAreRecognisable() throws IOException {
        List<CsvParser.Row> rows = parse("a\n\nb\n");

        assertThat(rows).extracting(CsvParser.Row::blank).containsExactly(false, true, false);
    }

    private static char detect(String text) throws IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(new StringReader(text));
        char delimiter = CsvParser.detect(in);
        assertThat(in.readLine()).as("detect leaves the reader where it was").isEqualTo(text.lines().findFirst().orElse(null));
        return delimiter;
    }

    @Test
    void theDelimiterIsTheMostFrequentOfCommaSemicolonAndTabOutsideQuotesInTheHeader() throws IOException {
        assertThat(detect("external_ref;name;phones\nC1;\"Lovelace, Ada\";1,2,3,4\n")).isEqualTo(';');
        assertThat(detect("external_ref\tname\tphones\nC1\tAda\t\n")).isEqualTo('\t');
        assertThat(detect("\"a;b;c\",name\n")).as("delimiters inside quotes do not count").isEqualTo(',');
        assertThat(detect("\"x\ty\";\"a,b,c\";z\n")).isEqualTo(';');
        assertThat(detect("name\nAda;Lovelace;x\n")).as("one column: a comma, whatever the rows hold").isEqualTo(',');
        assertThat(detect("")).isEqualTo(',');
    }

    @Test
    void semicolonAndTabSeparatedRecordsKeepQuotedDelimiters() throws IOException {
        List<CsvParser.Row> semicolons = new ArrayList<>();
        CsvParser parser = new CsvParser(new StringReader("a;b\n\"x; y\";\"1,5\"\nz;\n"), ';');
        for (CsvParser.Row row = parser.next(); row != null; row = parser.next()) {
            semicolons.add(row);
        }
        List<CsvParser.Row> tabs = new ArrayList<>();
        parser = new CsvParser(new StringReader("a\tb\n\"x\ty\"\t1,5\n"), '\t');
        for (CsvParser.Row row = parser.next(); row != null; row = parser.next()) {
            tabs.add(row);
        }

        assertThat(semicolons).extracting(CsvParser.Row::fields)
                .containsExactly(List.of("a", "b"), List.of("x; y", "1,5"), List.of("z", ""));
        assertThat(tabs).extracting(CsvParser.Row::fields).containsExactly(List.of("a", "b"), List.of("x\ty", "1,5"));
    }
}
