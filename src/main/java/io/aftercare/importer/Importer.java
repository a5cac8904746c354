package io.aftercare.importer;

import io.aftercare.cases.CaseInput;
import io.aftercare.cases.CaseService;
import io.aftercare.customers.CustomerDetails;
import io.aftercare.customers.CustomerInput;
import io.aftercare.customers.CustomerService;
import io.aftercare.orders.OrderInput;
import io.aftercare.orders.OrderService;
import io.aftercare.orders.Product;
import io.aftercare.warranties.WarrantyInput;
import io.aftercare.warranties.WarrantyService;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports customers, orders, warranties, cases or products from a CSV or JSON-lines file (formats in
 * doc/import.md) through the same services as the HTTP API, so both accept and reject the same data. Broken
 * records are reported by line and skipped; the good ones are stored in chunks, one transaction per chunk and a
 * savepoint per record (customers: the chunk checked in bulk, see {@link CustomerChunk}). Thread-safe: each call
 * keeps its own state.
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
     * Imports {@code file} as {@code kind}, its format chosen by the extension, UTF-8, the CSV delimiter detected.
     * Throws {@link ImportException} when the file cannot be read as a whole (missing, wrong extension, bad header,
     * not text).
     */
    public ImportReport importFile(ImportKind kind, Path file) {
        return importFile(kind, file, ImportOptions.DEFAULTS);
    }

    /** Imports {@code file} as {@code kind} with the given delimiter, encoding, dry run and listener. */
    public ImportReport importFile(ImportKind kind, Path file, ImportOptions options) {
        ImportFormat format = ImportFormat.of(file);
        long started = System.nanoTime();
        try (TextDecoder decoder = new TextDecoder(Files.newInputStream(file), options.encoding(), file.toString());
             BufferedReader reader = new BufferedReader(decoder, 1 << 16)) {
            long size = Files.size(file);
            char delimiter = options.delimiter() != null ? options.delimiter()
                    : format == ImportFormat.CSV ? CsvParser.detect(reader) : ',';
            Input input = new Input(file, format, reader, delimiter, decoder, size, options);
            return switch (kind) {
                case CUSTOMERS -> run(kind, input, CustomerInput.class, CsvMappings::customer, customersKind(), started);
                case ORDERS -> run(kind, input, OrderInput.class, null, ordersKind(), started);
                case WARRANTIES -> run(kind, input, WarrantyInput.class, CsvMappings::warranty, warrantiesKind(),
                        started);
                case CASES -> run(kind, input, CaseInput.class, CsvMappings::supportCase,
                        new ChunkWriter.Kind<CaseInput>(cases::create, (in, out) -> null, (in, msg) -> null), started);
                case PRODUCTS -> run(kind, input, Product.class, CsvMappings::product, productsKind(), started);
            };
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file");
        } catch (TextDecoder.NotText e) {
            throw new ImportException(file + ":1: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The file being imported and how to read it. */
    private record Input(Path file, ImportFormat format, BufferedReader reader, char delimiter, TextDecoder decoder,
                         long size, ImportOptions options) {}

    private <T> ImportReport run(ImportKind kind, Input input, Class<T> type, Function<CsvSource.CsvFields, T> mapping,
                                 ChunkWriter.Kind<T> writer, long started) throws IOException {
        EntrySource<T> source = source(kind, input, type, mapping);
        if (!input.options().dryRun()) {
            return run(kind, input, source, writer, work -> jdbi.useTransaction(work::accept), started);
        }
        // a dry run stores everything in one transaction and rolls it back: every check, duplicates across
        // chunks included, sees what the import would have stored
        return jdbi.withHandle(handle -> {
            handle.begin();
            try {
                return run(kind, input, source, writer, work -> work.accept(handle), started);
            } finally {
                handle.rollback();
            }
        });
    }

    private <T> ImportReport run(ImportKind kind, Input input, EntrySource<T> source, ChunkWriter.Kind<T> writer,
                                 Consumer<Consumer<Handle>> transaction, long started) throws IOException {
        ImportListener listener = input.options().listener();
        ChunkWriter<T> out = new ChunkWriter<>(transaction, input.options().dryRun(), writer, input.file().toString(),
                input.format() == ImportFormat.CSV, listener);
        List<Entry<T>> chunk = new ArrayList<>(chunkSize);
        Entry<T> entry;
        while ((entry = next(source, input, chunk, out)) != null) {
            chunk.add(entry);
            if (chunk.size() == chunkSize) {
                out.write(chunk);
                chunk.clear();
                listener.progress(progress(out, input));
            }
        }
        out.write(chunk);
        listener.progress(progress(out, input));
        return new ImportReport(kind, out.read(), out.imported(), out.updated(), out.rejected(),
                Duration.ofNanos(System.nanoTime() - started), input.options().dryRun());
    }

    private static ImportProgress progress(ChunkWriter<?> out, Input input) {
        return new ImportProgress(out.read(), out.imported(), out.rejected().size(), input.decoder().bytesRead(),
                input.size());
    }

    @SuppressWarnings("unchecked") // ORDERS is the only kind without a row mapping, and its T is OrderInput
    private static <T> EntrySource<T> source(ImportKind kind, Input input, Class<T> type,
                                             Function<CsvSource.CsvFields, T> mapping) throws IOException {
        if (input.format() == ImportFormat.JSONL) {
            return new JsonLinesSource<>(input.reader(), type);
        }
        String file = input.file().toString();
        if (kind == ImportKind.ORDERS) {
            return (EntrySource<T>) new OrderGrouping(new CsvSource<>(input.reader(), input.delimiter(), file, kind,
                    CsvMappings::orderRow));
        }
        return new CsvSource<>(input.reader(), input.delimiter(), file, kind, mapping);
    }

    /** Reads on; when the file turns out not to be text, stores the chunk so far and says on which line. */
    private static <T> Entry<T> next(EntrySource<T> source, Input input, List<Entry<T>> chunk, ChunkWriter<T> out)
            throws IOException {
        try {
            return source.next();
        } catch (TextDecoder.NotText e) {
            out.write(chunk);
            throw new ImportException(input.file() + ":" + source.line() + ": " + e.getMessage() + "; "
                    + out.imported() + " records before it were " + (input.options().dryRun() ? "checked" : "imported"),
                    e);
        }
    }

    private ChunkWriter.Kind<CustomerInput> customersKind() {
        return new ChunkWriter.Kind<>(customers::create,
                (in, stored) -> "customer " + (stored instanceof CustomerDetails d ? d.id() : stored),
                (in, message) -> {
                    Matcher m = OWNER.matcher(message);
                    return m.find() ? "customer " + m.group(1) : null;
                }, result -> false, new CustomerChunk(customers));
    }

    private ChunkWriter.Kind<Product> productsKind() {
        return new ChunkWriter.Kind<>(orders::saveProduct, (in, created) -> "product " + in.sku().strip(),
                (in, message) -> null, created -> Boolean.FALSE.equals(created), null);
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
