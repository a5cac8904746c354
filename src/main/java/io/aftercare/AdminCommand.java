package io.aftercare;

import io.aftercare.config.AftercareConfig;
import io.aftercare.persistence.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * What the administration commands share: the configuration option, the database opened and migrated for one
 * command, and the warnings printed on stderr. Not thread-safe (one per command run).
 */
abstract class AdminCommand {
    @CommandLine.Mixin
    Cli.ConfigOption config = new Cli.ConfigOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs {@code work} on the configured database (migrated first) with the offline administration services. */
    <T> T withAdministration(Function<Administration, T> work) {
        return withDatabase((db, loaded) -> work.apply(Administration.offline(db.jdbi(), Clock.systemUTC())));
    }

    <T> T withDatabase(java.util.function.BiFunction<Database, AftercareConfig, T> work) {
        AftercareConfig loaded = config.load();
        try (Database db = Database.open(loaded.db())) {
            db.migrate();
            return work.apply(db, loaded);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    void warn(List<String> warnings) {
        warnings.forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        spec.commandLine().getErr().flush();
    }

    void print(String line) {
        out().println(line);
        out().flush();
    }
}
