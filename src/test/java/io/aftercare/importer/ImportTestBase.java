package io.aftercare.importer;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A migrated SQLite database in a temp folder for each importer test. Not thread-safe. */
abstract class ImportTestBase {
    @TempDir
    Path dir;
    ImportFixture db;

    @BeforeEach
    void open() {
        db = fixture(dir);
    }

    /** The database a test class starts from; override to add rows. */
    ImportFixture fixture(Path folder) {
        return ImportFixture.open(folder);
    }

    @AfterEach
    void close() {
        db.close();
    }
}
