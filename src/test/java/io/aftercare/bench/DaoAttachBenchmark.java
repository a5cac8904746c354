package io.aftercare.bench;

import io.aftercare.config.ConfigLoader;
import io.aftercare.customers.CustomerDao;
import io.aftercare.persistence.Database;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What attaching a jdbi SqlObject DAO to a fresh handle costs, as every REST request that reads through a DAO
 * pays it, beside the baseline of opening and closing the same handle without attaching anything, in the same
 * run (a main class, not a test). Usage: {@code DaoAttachBenchmark [attaches=20000] [rounds=6]}; the first round
 * warms up. Not thread-safe; run once.
 */
public final class DaoAttachBenchmark {
    private DaoAttachBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Path dir = Files.createTempDirectory("aftercare-attach");
        var config = ConfigLoader.defaults().db().withUrl("jdbc:sqlite:" + dir.resolve("attach.db"));
        try (Database db = Database.open(config)) {
            db.migrate();
            var jdbi = db.jdbi();
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    jdbi.useHandle(h -> h.attach(CustomerDao.class));
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    jdbi.useHandle(h -> { });
                }
                long t2 = System.nanoTime();
                System.out.printf("%s attach CustomerDao %.1f us per handle; baseline (bare handle) %.1f us%n",
                        round == 0 ? "warm-up" : "round " + round, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
