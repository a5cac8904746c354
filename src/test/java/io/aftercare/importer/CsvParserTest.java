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
}
