package io.aftercare;

import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigException;
import io.aftercare.config.ConfigLoader;
import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.persistence.Database;
import io.aftercare.persistence.DatabaseUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: serve, demo, migrate, seed, import, and queue, agent and account administration; --help. */
@Command(name = "aftercare", mixinStandardHelpOptions = true, version = "aftercare 0.1.0",
        description = "After-sales contact-center backend beside Asterisk.",
        subcommands = {Cli.Serve.class, Cli.Demo.class, Cli.Migrate.class, Cli.Seed.class, Cli.Import.class,
            QueueCli.class, AgentCli.class, AccountCli.class})
public final class Cli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Cli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof DatabaseUnavailableException
                    || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                commandLine.getErr().println("aftercare: " + e.getMessage());
                return 2;
            }
            if (e instanceof ValidationException || e instanceof ConflictException || e instanceof NotFoundException) {
                commandLine.getErr().println("aftercare: " + e.getMessage()); // refused, as the API's 4xx
                return 1;
            }
            throw e;
        });
        return cli;
    }

    /** Options every command shares. */
    static class ConfigOption {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML file overriding reference.yaml")
        Path file;

        AftercareConfig load() {
            return ConfigLoader.load(Optional.ofNullable(file), System.getenv());
        }
    }

    /** Blocks until Ctrl-C / SIGTERM, then closes what was started. */
    static void runUntilStopped(AutoCloseable running) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        stopped.await();
        try {
            running.close();
        } finally {
            closed.countDown();
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the service: HTTP API, FastAGI server and AMI connection.")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() throws Exception {
            runUntilStopped(App.start(config.load(), Clock.systemUTC()));
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Serve on a fresh SQLite file filled with generated demo data, with the built-in PBX "
                    + "simulator when no Asterisk is configured.")
    static final class Demo implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = "--customers", description = "customers to generate (default from config: demo.customers)")
        Integer customers;

        @Override
        public Integer call() throws Exception {
            AftercareConfig loaded = config.load();
            runUntilStopped(DemoMode.start(loaded, customers == null ? loaded.demo().customers() : customers,
                    Clock.systemUTC()));
            return 0;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply the database migrations in sql/ and exit.")
    static final class Migrate implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            AftercareConfig loaded = config.load();
            try (Database db = Database.open(loaded.db())) {
                db.migrate();
            }
            System.out.println("migrated " + loaded.db());
            return 0;
        }
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Fill the configured database with generated demo data (deterministic for a seed).")
    static final class Seed implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = "--customers", required = true, description = "how many customers to generate")
        int customers;

        @Option(names = "--seed", description = "random seed (default from config: demo.seed)")
        Long seed;

        @Override
        public Integer call() {
            AftercareConfig loaded = config.load();
            try (Database db = Database.open(loaded.db())) {
                db.migrate();
                var report = new io.aftercare.demo.DemoDataGenerator(db.jdbi(), Clock.systemUTC(),
                        seed == null ? loaded.demo().seed() : seed).generate(customers);
                System.out.println(report);
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import customers, orders, warranties, cases or products from a CSV (.csv) or JSON lines "
                    + "(.jsonl) file, as an ERP or shop export gives them; formats in doc/import.md. Rejected lines are "
                    + "printed as FILE:LINE: reason on stderr as they are found, the good lines are kept; a progress "
                    + "line follows every 5 s.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every line imported", "1:some lines rejected (the others imported)",
                    "2:usage, configuration or unreadable file"})
    static final class Import implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @CommandLine.Parameters(index = "0", paramLabel = "KIND",
                description = "customers, orders, warranties, cases or products")
        String kind;

        @CommandLine.Parameters(index = "1", paramLabel = "FILE", description = "the .csv or .jsonl file to import")
        Path file;

        @Option(names = "--delimiter", paramLabel = "SEP",
                description = "CSV separator: , ; | or tab (default: detected from the header line)")
        String delimiter;

        @Option(names = "--encoding", paramLabel = "CHARSET",
                description = "the file's encoding, e.g. windows-1252, ISO-8859-1, UTF-16LE (default UTF-8; a byte "
                        + "order mark is recognised)")
        String encoding;

        @Option(names = "--dry-run", description = "check everything and report, write nothing")
        boolean dryRun;

        @Option(names = "--show-rejected", paramLabel = "N", defaultValue = "100",
                description = "print at most N rejected lines, count the rest (default ${DEFAULT-VALUE})")
        int showRejected;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var err = spec.commandLine().getErr();
            try {
                var importKind = io.aftercare.importer.ImportKind.parse(kind);
                io.aftercare.importer.ImportFormat.of(file);
                var options = io.aftercare.importer.ImportOptions.DEFAULTS
                        .withDelimiter(delimiter == null ? null : io.aftercare.importer.ImportOptions.delimiter(delimiter))
                        .withEncoding(encoding == null ? null : io.aftercare.importer.ImportOptions.encoding(encoding))
                        .withDryRun(dryRun);
                AftercareConfig loaded = config.load();
                try (Database db = Database.open(loaded.db())) {
                    db.migrate();
                    App.Services s = App.Services.create(loaded, db, Clock.systemUTC());
                    // started after the migrations, so its rate and time left are the import's
                    var console = new io.aftercare.importer.ImportConsole(err, file.toString(),
                            Math.max(0, showRejected), System::nanoTime, io.aftercare.importer.ImportConsole.EVERY);
                    // a dry run records no run: on SQLite it holds the write lock throughout and writes nothing
                    var recorder = dryRun ? null : io.aftercare.importer.ImportRecorder.start(db.jdbi(),
                            Clock.systemUTC(), importKind, file, io.aftercare.importer.ImportRecorder.EVERY);
                    options = options.withListener(recorder == null ? console : console.andThen(recorder));
                    io.aftercare.importer.ImportReport report;
                    try {
                        report = new io.aftercare.importer.Importer(db.jdbi(), s.customers(), s.orders(),
                                s.warranties(), s.cases()).importFile(importKind, file, options);
                    } catch (RuntimeException e) {
                        if (recorder != null) {
                            recorder.failed();
                        }
                        throw e;
                    }
                    if (recorder != null) {
                        recorder.done(report);
                    }
                    console.finish();
                    spec.commandLine().getOut().println(report.summary());
                    spec.commandLine().getOut().flush();
                    err.flush();
                    return report.rejected().isEmpty() ? 0 : 1;
                }
            } catch (io.aftercare.importer.ImportException e) {
                err.println("aftercare: " + e.getMessage());
                return 2;
            }
        }
    }
}
