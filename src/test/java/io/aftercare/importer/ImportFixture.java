package io.aftercare.importer;

import io.aftercare.cases.CaseService;
import io.aftercare.config.ConfigLoader;
import io.aftercare.customers.CustomerService;
import io.aftercare.orders.OrderService;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.warranties.WarrantyService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A migrated SQLite file in a test's temp folder with the real services and an importer on it. Not thread-safe. */
final class ImportFixture implements AutoCloseable {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    final Path dir;
    final Database database;
    final CustomerService customers;
    final OrderService orders;
    final WarrantyService warranties;
    final CaseService cases;

    private ImportFixture(Path dir, Database database) {
        this.dir = dir;
        this.database = database;
        var jdbi = database.jdbi();
        this.customers = new CustomerService(jdbi, new PhoneNumbers("US"), CLOCK);
        this.orders = new OrderService(jdbi, CLOCK);
        this.warranties = new WarrantyService(jdbi, CLOCK);
        this.cases = new CaseService(jdbi, CLOCK);
    }

    static ImportFixture open(Path dir) {
        return open(dir, ConfigLoader.defaults().db().withUrl(dbUrl(dir)));
    }

    /** On another database, e.g. a PostgreSQL schema of {@code io.aftercare.testing.TestDatabases}. */
    static ImportFixture open(Path dir, io.aftercare.config.AftercareConfig.Db config) {
        Database database = Database.open(config);
        database.migrate();
        return new ImportFixture(dir, database);
    }

    static String dbUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("aftercare.db");
    }

    Importer importer() {
        return importer(Importer.DEFAULT_CHUNK_SIZE);
    }

    Importer importer(int chunkSize) {
        return new Importer(database.jdbi(), customers, orders, warranties, cases, chunkSize);
    }

    ImportReport importText(ImportKind kind, String fileName, String content) {
        return importer().importFile(kind, write(fileName, content));
    }

    Path write(String fileName, String content) {
        try {
            return Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** Two customers (C1 in the US, C2 in France) and a product, for orders, warranties and cases to point at. */
    ImportFixture withCustomersAndProduct() {
        importText(ImportKind.CUSTOMERS, "seed-customers.csv", """
                external_ref,name,country,phones
                C1,Ada Lovelace,US,+1 212 555 0100
                C2,Émile Zola,FR,01 42 68 53 00
                """);
        orders.saveProduct(new io.aftercare.orders.Product("TV-55", "Television 55in", "tv", 24));
        return this;
    }

    @Override
    public void close() {
        database.close();
    }
}
