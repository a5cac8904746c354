package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.importer.ImportReport.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rejections are heard as they are found, chunk by chunk, and a constraint the bulk checks miss costs no record. */
class ImportListenerIntegrationTest extends ImportTestBase {

    @Test
    void rejectedLinesAreHeardAsTheyComeBeforeTheImportEnds() {
        List<String> heard = new ArrayList<>();
        ImportListener listener = new ImportListener() {
            @Override
            public void rejected(Rejection rejection) {
                heard.add("rejected " + rejection.line());
            }

            @Override
            public void progress(ImportProgress progress) {
                heard.add("progress " + progress.read() + "/" + progress.rejected());
                assertThat(progress.totalBytes()).isPositive();
                assertThat(progress.bytesRead()).isBetween(1L, progress.totalBytes());
            }
        };
        var file = db.write("customers.csv", "name,tier\nA,\nB,platinum\nC,\nD,\n,\nF,\n");

        db.importer(2).importFile(ImportKind.CUSTOMERS, file, ImportOptions.DEFAULTS.withListener(listener));

        assertThat(heard).containsExactly("rejected 3", "progress 2/1", "progress 4/1", "rejected 6", "progress 6/2",
                "progress 6/2");
    }

    @Test
    void aConstraintTheBulkChecksDoNotKnowRollsTheChunkBackAndStoresItRecordByRecord() {
        db.database.jdbi().useHandle(h -> h.execute("CREATE TRIGGER no_boom BEFORE INSERT ON customers"
                + " WHEN NEW.name = 'Boom' BEGIN SELECT RAISE(ABORT, 'no Boom here'); END"));
        var file = db.write("customers.csv", "name,phones\nA,+1 212 555 0100\nBoom,+1 212 555 0101\nC,\nD,\n");

        ImportReport report = db.importer(3).importFile(ImportKind.CUSTOMERS, file);

        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.rejected()).extracting(Rejection::line).containsExactly(3L);
        assertThat(report.rejected().get(0).reason()).startsWith("the database refused it: ").contains("no Boom here");
        assertThat(db.count("customers")).isEqualTo(3);
        assertThat(db.count("customer_phones")).isEqualTo(1);
    }
}
