package dev.recollect.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.domain.JobId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.JobStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The job queue against pg-boss 10.4.2, on one local PostgreSQL, in one run: claim-plus-complete throughput of no-op
 * jobs with 1, 2 and 4 workers (one job per claim, and batches of 1,000), and create-to-start latency with
 * LISTEN/NOTIFY. Then it runs {@code benchmarks/jobs/pgboss-bench.mjs} on the same server and prints both.
 *
 * <p>Usage: {@code benchmarks/jobs/run.sh} (see {@code docs/benchmarks.md}).
 */
public final class JobQueueBench {
    private final int jobCount;
    /** One job per claim is slow by design; a quarter of the jobs is enough to measure it. */
    private final int singleJobs;

    private final int latencySamples;

    private JobQueueBench(BenchDatabase.Args args) {
        this.jobCount = args.size(40_000, 200);
        this.singleJobs = args.size(10_000, 50);
        this.latencySamples = args.size(400, 10);
    }

    /** Runs the benchmark; see {@link BenchDatabase} for the arguments. */
    public static void main(String[] args) throws Exception {
        BenchDatabase.Args options = BenchDatabase.Args.parse(args, "benchmarks/jobs/pgboss-bench.mjs");
        new JobQueueBench(options).run(options);
    }

    private void run(BenchDatabase.Args options) throws Exception {
        try (BenchDatabase database = BenchDatabase.open(options)) {
            try (HikariDataSource pool = database.pool(12)) {
                JdbiPersistence.migrateSchema(pool);
                JdbiPersistence persistence = JdbiPersistence.over(pool);
                // Warm-up: the JIT and the connection pool, on a drain that is not measured.
                throughput(pool, persistence.jobs(), 2, 100, options.size(4000, 100));
                System.out.println("recollect: claim + complete of no-op jobs");
                for (int batch : new int[] {1, 1000}) {
                    int jobs = batch == 1 ? singleJobs : jobCount;
                    for (int workers : new int[] {1, 2, 4}) {
                        double rate = throughput(pool, persistence.jobs(), workers, batch, jobs);
                        System.out.printf(
                                Locale.ROOT,
                                "  workers=%d batch=%-4d jobs=%d %,10.0f jobs/s%n",
                                workers,
                                batch,
                                jobs,
                                rate);
                    }
                }
                latency(pool, persistence);
            }
            BenchDatabase.anchorRuns(options.anchor(), database.connectionString(), String.valueOf(jobCount));
        }
    }

    private static double throughput(HikariDataSource pool, JobStore jobs, int workers, int batch, int count)
            throws Exception {
        reset(pool);
        Instant created = Instant.now();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            // Pending jobs as CreateJob leaves them, inserted in bulk: the benchmark measures draining.
            s.execute("INSERT INTO generation_jobs (id, user_id, prompt, status, phase, created_at)"
                    + " SELECT gen_random_uuid(), 'bench-' || (g % 1000), 'no-op', 'pending', 'clarifying', now()"
                    + " FROM generate_series(1, " + count + ") g");
        }
        ExecutorService pool2 = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String worker = "w" + w;
            done.add(pool2.submit(() -> {
                int drained = 0;
                List<GenerationJob> claimed;
                while (!(claimed = jobs.claim(batch, worker, Duration.ofSeconds(30), Instant.now())).isEmpty()) {
                    List<JobId> ids = claimed.stream().map(GenerationJob::id).toList();
                    jobs.transitionAll(ids, j -> j.complete("no-op", Instant.now()));
                    drained += ids.size();
                }
                return drained;
            }));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool2.shutdown();
        if (total != count) {
            throw new IllegalStateException("drained " + total + " of " + count + " jobs (created " + created + ")");
        }
        return total / seconds;
    }

    private void latency(HikariDataSource pool, JdbiPersistence persistence) throws Exception {
        reset(pool);
        JobStore jobs = persistence.jobs();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        try (JobSignals signals = persistence.openSignals()) {
            Thread worker = new Thread(() -> {
                while (running.get()) {
                    List<GenerationJob> claimed = jobs.claim(10, "latency", Duration.ofSeconds(30), Instant.now());
                    Instant started = Instant.now();
                    for (GenerationJob job : claimed) {
                        micros.add(Duration.between(job.createdAt(), started).toNanos() / 1000);
                    }
                    if (claimed.isEmpty()) {
                        try {
                            signals.awaitWork(Duration.ofMillis(500));
                        } catch (InterruptedException e) {
                            return;
                        }
                    } else {
                        jobs.transitionAll(
                                claimed.stream().map(GenerationJob::id).toList(),
                                j -> j.complete("no-op", Instant.now()));
                    }
                }
            });
            worker.start();
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                for (int i = 0; i < latencySamples; i++) {
                    s.execute("INSERT INTO generation_jobs (id, user_id, prompt, status, phase, created_at) VALUES"
                            + " (gen_random_uuid(), 'latency', 'no-op', 'pending', 'clarifying', clock_timestamp())");
                    Thread.sleep(10); // one job every 10 ms, as a steady trickle of requests
                }
            }
            while (micros.size() < latencySamples) {
                if (!worker.isAlive()) {
                    throw new IllegalStateException("the latency worker died; see its stack trace above");
                }
                Thread.sleep(50);
            }
            running.set(false);
            worker.interrupt();
            worker.join();
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "recollect: create-to-start latency over %d jobs: p50 %.1f ms, p95 %.1f ms%n",
                sorted.size(),
                sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(sorted.size() * 95 / 100) / 1000.0);
    }

    private static void reset(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            // Usage rows reference their jobs: PostgreSQL truncates both together or neither.
            s.execute("TRUNCATE generation_jobs, job_token_usage");
            s.execute("VACUUM ANALYZE generation_jobs");
        }
    }
}
