package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandIntegrationTest {
    @TempDir
    Path dir;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void writeConfig() throws IOException {
        config = Files.writeString(dir.resolve("aftercare.yaml"), "db:\n  url: " + ImportFixture.dbUrl(dir) + "\n");
    }

    private int run(String... args) {
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aCleanFileExitsZeroAndPrintsTheSummary() throws IOException {
        Path file = Files.writeString(dir.resolve("customers.csv"), "external_ref,name\nC1,Ada\nC2,Bob\n");

        int code = run("import", "customers", file.toString(), "--config", config.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("customers: 2 lines read, 2 imported, 0 rejected in ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anImportLeavesAFinishedRunWithItsCountsAndADryRunLeavesNone() throws IOException {
        Path file = Files.writeString(dir.resolve("customers.csv"), "name,tier\nAda,\nBob,platinum\nCy,\n");

        assertThat(run("import", "customers", file.toString(), "--config", config.toString(), "--dry-run"))
                .isEqualTo(1);
        assertThat(runs()).as("a dry run writes nothing").isEmpty();
        assertThat(run("import", "customers", file.toString(), "--config", config.toString())).isEqualTo(1);

        assertThat(runs()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("customers");
            assertThat(r.fileName()).isEqualTo("customers.csv");
            assertThat(r.outcome()).isEqualTo(ImportRun.DONE);
            assertThat(r.finishedAt()).isNotNull().isAfterOrEqualTo(r.startedAt());
            assertThat(List.of(r.linesRead(), r.accepted(), r.rejected())).containsExactly(3L, 2L, 1L);
        });
    }

    @Test
    void anImportThatStopsOnAnErrorLeavesAFailedRun() throws IOException {
        Path file = Files.writeString(dir.resolve("customers.csv"), "name,shoe_size\nAda,42\n");

        assertThat(run("import", "customers", file.toString(), "--config", config.toString())).isEqualTo(2);

        assertThat(runs()).singleElement().extracting(ImportRun::outcome).isEqualTo(ImportRun.FAILED);
    }

    private List<ImportRun> runs() {
        try (ImportFixture db = ImportFixture.open(dir)) {
            return db.database.jdbi().withExtension(ImportRunDao.class, dao -> dao.since(Instant.EPOCH));
        }
    }

    @Test
    void rejectedLinesArePrintedAsFileLineReasonAndExitOne() throws IOException {
        Path file = Files.writeString(dir.resolve("customers.csv"), "name,phones\nAda,+1 212 555 0100\nBob,999\n,\n");

        int code = run("import", "customers", file.toString(), "--config", config.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).startsWith("customers: 3 lines read, 1 imported, 2 rejected in ");
        assertThat(err.toString().lines()).hasSize(2).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith(file + ":3: phones[0]: ");
            assertThat(lines.get(1)).isEqualTo(file + ":4: name is required");
        });
    }

    @Test
    void dryRunDelimiterEncodingAndTheRejectedCapAreOptions() throws IOException {
        Path file = Files.write(dir.resolve("customers.csv"),
                "name|tier\nZoë|\nA|platinum\nB|platinum\nC|platinum\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        int code = run("import", "customers", file.toString(), "--config", config.toString(), "--dry-run",
                "--delimiter", "|", "--encoding", "ISO-8859-1", "--show-rejected", "2");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).startsWith("customers (dry run, nothing written): 4 lines read, 1 would be imported,"
                + " 3 rejected in ");
        assertThat(err.toString().lines()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith(file + ":3: tier must be one of");
            assertThat(lines.get(1)).startsWith(file + ":4: tier must be one of");
            assertThat(lines.get(2)).isEqualTo(file + ": 1 more rejected lines not shown (the first 2 are above;"
                    + " --show-rejected N shows more)");
        });
        assertThat(run("import", "customers", file.toString(), "--config", config.toString(), "--delimiter", ":"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("aftercare: unknown delimiter ':'");
    }

    @Test
    void unknownKindsExtensionsMissingFilesAndBadHeadersExitTwo() throws IOException {
        Path csv = Files.writeString(dir.resolve("customers.csv"), "name,shoe_size\nAda,42\n");
        Path txt = Files.writeString(dir.resolve("customers.txt"), "name\nAda\n");

        assertThat(run("import", "invoices", csv.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(run("import", "customers", txt.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(run("import", "customers", dir.resolve("nope.csv").toString(), "--config", config.toString()))
                .isEqualTo(2);
        assertThat(run("import", "customers", csv.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(run("import", "customers")).isEqualTo(2);

        assertThat(err.toString()).contains("unknown import kind 'invoices'; expected one of customers, orders, warranties, cases")
                .contains("customers.txt: unknown file type; expected a .csv or .jsonl file")
                .contains("nope.csv: no such file")
                .contains("customers.csv:1: unknown column 'shoe_size'; customers files have the columns external_ref,name,")
                .contains("Missing required parameter: 'FILE'");
    }

    @Test
    void helpDescribesKindsAndExitCodes() {
        int code = run("import", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("KIND").contains("FILE").contains("--config")
                .contains("some lines rejected");
    }
}
