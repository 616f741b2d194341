package dev.recollect.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.MigrationRunner;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Backfill throughput on 1,000,000 documents against its physical limit, in one run on one local PostgreSQL: the
 * migration runner (remove a key, batches of 1,000 and 5,000, one worker) against one set-based {@code UPDATE} making
 * the same change to another million documents of the same table. The runner has two workers, as two
 * {@code recollect migrate work} processes would, one per core of the machine it was measured on. It also compares the cost of the first and the
 * last tenth of the batches, to show that a batch costs the same wherever it is in the table.
 *
 * <p>Usage: {@code benchmarks/migrations/run.sh} (see {@code docs/benchmarks.md}).
 */
public final class MigrationBench {
    private static final int WORKERS = 2;
    private static final int WARM_UP_ROWS = Integer.getInteger("bench.warmup", 300_000);

    private MigrationBench() {}

    /** Runs the benchmark; see {@link BenchDatabase} for the arguments. */
    public static void main(String[] args) throws Exception {
        BenchDatabase.Args options = BenchDatabase.Args.parse(args, "");
        int rows = options.size(Integer.getInteger("bench.rows", 1_000_000), 12_000);
        int[] sizes = java.util.Arrays.stream(
                        System.getProperty("bench.batches", "1000,5000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        try (BenchDatabase database = BenchDatabase.open(options);
                HikariDataSource pool = database.pool(4)) {
            JdbiPersistence.migrateSchema(pool);
            List<String> tables = new ArrayList<>(List.of("anchor"));
            java.util.Arrays.stream(sizes).forEach(size -> tables.add("batch" + size));
            for (String table : tables) {
                // Tables of their own in a shared database, and fresh ones in a rerun.
                BenchDatabase.sql(pool, "DELETE FROM imported_documents WHERE table_name = '" + table + "'");
                fill(pool, table, rows);
            }
            BenchDatabase.sql(pool, "VACUUM ANALYZE imported_documents");
            long t0 = System.nanoTime();
            BenchDatabase.sql(
                    pool,
                    "UPDATE imported_documents SET doc = doc - 'topic', updated_at = now()"
                            + " WHERE table_name = 'anchor' AND doc ? 'topic'");
            double anchor = rows / seconds(t0);
            System.out.printf(Locale.ROOT, "set-based UPDATE (anchor): %,12.0f docs/s%n", anchor);
            JdbiPersistence persistence = JdbiPersistence.over(pool);
            if (WARM_UP_ROWS > 0 && !options.smoke()) {
                // The runner's code is compiled while it warms up on a table of its own, as it would be a few
                // minutes into a long backfill; the anchor, in the server, has nothing to warm.
                fill(pool, "warmup", WARM_UP_ROWS);
                Measured warm = measure(persistence, pool, "warmup", 1000);
                System.out.printf(
                        Locale.ROOT,
                        "warm-up, batches of 1000 on %,d documents: %,.0f docs/s%n",
                        WARM_UP_ROWS,
                        warm.rate());
            }
            for (int batch : sizes) {
                Measured m = measure(persistence, pool, "batch" + batch, batch);
                System.out.printf(
                        Locale.ROOT,
                        "runner, %d workers, batches of %d: %,12.0f docs/s = %.0f%% of the anchor; %d batches, first tenth"
                                + " %.1f ms/batch, last tenth %.1f ms/batch (ratio %.2f); planning %.2f s; %s%n",
                        WORKERS,
                        batch,
                        m.rate(),
                        100 * m.rate() / anchor,
                        m.batches(),
                        m.first(),
                        m.last(),
                        m.last() / m.first(),
                        m.planning(),
                        m.status());
            }
        }
    }

    /** One run's figures: documents updated per second from planning to the end, and the batches' costs. */
    private record Measured(double rate, int batches, double first, double last, double planning, String status) {}

    /** Runs the field removal over {@code table} with two workers and batches of {@code batch}. */
    private static Measured measure(JdbiPersistence persistence, DataSource pool, String table, int batch)
            throws Exception {
        // The garbage of what ran before (the anchor's million dead rows) is vacuumed first, so that this run does
        // not pay for it while autovacuum clears it.
        BenchDatabase.sql(pool, "VACUUM imported_documents");
        DocumentMigration migration = BuiltInMigrations.removeField("bench-" + table, table, "topic");
        MigrationRunner runner = new MigrationRunner(
                persistence.migrations(),
                List.of(migration),
                IdGenerator.random(),
                Clock.systemUTC(),
                Sleeper.system());
        long t1 = System.nanoTime();
        UUID run = ((RunMigrations.Started.Planned) runner.start(new RunMigrations.Start(
                        // Again: a rerun on a database given with --database-url plans the same migrations.
                        migration.name(), false, batch, dev.recollect.domain.migration.RunScope.ALL, null, true)))
                .run()
                .id();
        double planning = seconds(t1);
        // Two workers, as two `recollect migrate work` processes would run: one per core of this machine.
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            String name = "bench-" + w;
            running.add(workers.submit(() -> runner.work(new RunMigrations.Work(run, name, Duration.ZERO), r -> {})));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        workers.shutdown();
        RunMigrations.RunReport report = runner.status(run).orElseThrow();
        double rate = report.stats().updated() / seconds(t1);
        List<MigrationBatch> batches = persistence.migrations().batches(run);
        int tenth = Math.max(1, batches.size() / 10);
        return new Measured(
                rate,
                batches.size(),
                meanMillis(batches.subList(0, tenth)),
                meanMillis(batches.subList(batches.size() - tenth, batches.size())),
                planning,
                report.result().status().wireName());
    }

    private static void fill(DataSource pool, String table, int rows) throws SQLException {
        BenchDatabase.sql(
                pool,
                "INSERT INTO imported_documents (table_name, id, doc, imported_at)"
                        + " SELECT '" + table + "', lpad(g::text, 8, '0'),"
                        + " jsonb_build_object('_id', lpad(g::text, 8, '0'), '_creationTime', 1700000000000 + g,"
                        + " 'question', 'Question ' || g || '?', 'topic', 'science'), now()"
                        + " FROM generate_series(1, " + rows + ") AS g");
    }

    private static double meanMillis(List<MigrationBatch> batches) {
        return batches.stream()
                        .mapToLong(b ->
                                Duration.between(b.startedAt(), b.completedAt()).toNanos())
                        .average()
                        .orElse(0)
                / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
