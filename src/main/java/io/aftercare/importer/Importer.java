package io.aftercare.importer;

import io.aftercare.cases.CaseInput;
import io.aftercare.cases.CaseService;
import io.aftercare.customers.CustomerDetails;
import io.aftercare.customers.CustomerInput;
import io.aftercare.customers.CustomerService;
import io.aftercare.orders.OrderInput;
import io.aftercare.orders.OrderService;
import io.aftercare.warranties.WarrantyInput;
import io.aftercare.warranties.WarrantyService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports customers, orders, warranties or cases from a CSV or JSON-lines file (formats in doc/import.md)
 * through the same services as the HTTP API, so both accept and reject the same data. Broken records are
 * reported by line and skipped; the good ones are stored in chunks, one transaction per chunk and a savepoint
 * per record. Thread-safe: each call keeps its own state.
 */
public final class Importer {
    /** Records per transaction: large enough to amortise the commit, small enough to keep locks short. */
    public static final int DEFAULT_CHUNK_SIZE = 500;
    private static final Pattern OWNER = Pattern.compile("belongs to customer (\\d+)");

    private final Jdbi jdbi;
    private final CustomerService customers;
    private final OrderService orders;
    private final WarrantyService warranties;
    private final CaseService cases;
    private final int chunkSize;

    public Importer(Jdbi jdbi, CustomerService customers, OrderService orders, WarrantyService warranties,
                    CaseService cases) {
        this(jdbi, customers, orders, warranties, cases, DEFAULT_CHUNK_SIZE);
    }

    public Importer(Jdbi jdbi, CustomerService customers, OrderService orders, WarrantyService warranties,
                    CaseService cases, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive");
        }
        this.jdbi = jdbi;
        this.customers = customers;
        this.orders = orders;
        this.warranties = warranties;
        this.cases = cases;
        this.chunkSize = chunkSize;
    }

    /**
     * Imports {@code file} as {@code kind}, its format chosen by the extension. Throws {@link ImportException}
     * when the file cannot be read as a whole (missing, wrong extension, bad header, not UTF-8).
     */
    public ImportReport importFile(ImportKind kind, Path file) {
        ImportFormat format = ImportFormat.of(file);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long started = System.nanoTime();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                1 << 16)) {
            return switch (kind) {
                case CUSTOMERS -> run(kind, file, format, reader, CustomerInput.class, CsvMappings::customer,
                        customersKind(), started);
                case ORDERS -> run(kind, file, format, reader, OrderInput.class, null, ordersKind(), started);
                case WARRANTIES -> run(kind, file, format, reader, WarrantyInput.class, CsvMappings::warranty,
                        warrantiesKind(), started);
                case CASES -> run(kind, file, format, reader, CaseInput.class, CsvMappings::supportCase,
                        new ChunkWriter.Kind<CaseInput>(cases::create, (in, out) -> null, (in, msg) -> null), started);
            };
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new ImportException(file + ": not UTF-8 text (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private <T> ImportReport run(ImportKind kind, Path file, ImportFormat format, BufferedReader reader,
                                 Class<T> type, Function<CsvSource.CsvFields, T> mapping, ChunkWriter.Kind<T> writer,
                                 long started) throws IOException {
        EntrySource<T> source = source(kind, file, format, reader, type, mapping);
        ChunkWriter<T> out = new ChunkWriter<>(jdbi, writer, file.toString(), format == ImportFormat.CSV);
        List<Entry<T>> chunk = new ArrayList<>(chunkSize);
        Entry<T> entry;
        while ((entry = next(source, file, chunk, out)) != null) {
            chunk.add(entry);
            if (chunk.size() == chunkSize) {
                out.write(chunk);
                chunk.clear();
            }
        }
        out.write(chunk);
        return new ImportReport(kind, out.read(), out.imported(), out.rejected(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    @SuppressWarnings("unchecked") // ORDERS is the only kind without a row mapping, and its T is OrderInput
    private static <T> EntrySource<T> source(ImportKind kind, Path file, ImportFormat format, BufferedReader reader,
                                             Class<T> type, Function<CsvSource.CsvFields, T> mapping) throws IOException {
        if (format == ImportFormat.JSONL) {
            return new JsonLinesSource<>(reader, type);
        }
        if (kind == ImportKind.ORDERS) {
            return (EntrySource<T>) new OrderGrouping(new CsvSource<>(reader, file.toString(), kind,
                    CsvMappings::orderRow));
        }
        return new CsvSource<>(reader, file.toString(), kind, mapping);
    }

    /** Reads on, and when the file turns out not to be UTF-8, says after which line, the chunk so far stored. */
    private static <T> Entry<T> next(EntrySource<T> source, Path file, List<Entry<T>> chunk, ChunkWriter<T> out)
            throws IOException {
        try {
            return source.next();
        } catch (CharacterCodingException e) {
            out.write(chunk);
            long line = chunk.isEmpty() ? 0 : chunk.get(chunk.size() - 1).lines().get(0);
            throw new ImportException(file + ": not UTF-8 text after line " + line + "; " + out.imported()
                    + " records before it were imported", e);
        }
    }

    private ChunkWriter.Kind<CustomerInput> customersKind() {
        return new ChunkWriter.Kind<>(customers::create,
                (in, stored) -> "customer " + ((CustomerDetails) stored).id(),
                (in, message) -> {
                    Matcher m = OWNER.matcher(message);
                    return m.find() ? "customer " + m.group(1) : null;
                });
    }

    private ChunkWriter.Kind<OrderInput> ordersKind() {
        return new ChunkWriter.Kind<OrderInput>(orders::insert,
                (in, stored) -> "order " + in.orderNumber().strip(),
                (in, message) -> in.orderNumber() == null ? null : "order " + in.orderNumber().strip());
    }

    private ChunkWriter.Kind<WarrantyInput> warrantiesKind() {
        Function<WarrantyInput, String> key = in -> in.serialNumber() == null ? null
                : "warranty " + in.serialNumber().strip() + " " + (in.plan() == null ? "manufacturer" : in.plan().strip());
        return new ChunkWriter.Kind<>(warranties::create, (in, stored) -> key.apply(in), (in, message) -> key.apply(in));
    }
}
