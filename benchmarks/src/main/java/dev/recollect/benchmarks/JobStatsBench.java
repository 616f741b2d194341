package dev.recollect.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.ports.out.JobReports;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * {@code recollect jobs stats} on 1,000,000 jobs spread over 100 days, in one run on one local PostgreSQL: the store's
 * stats for the last 24 hours and the last 30 days, and the worker activity, each the median of 11 runs after 3 of
 * warm-up, against the anchor of one sequential {@code count(*)} over the whole table (what a query without its index
 * would cost).
 *
 * <p>Usage: {@code benchmarks/jobs/stats.sh} (see {@code docs/benchmarks.md}).
 */
public final class JobStatsBench {
    private JobStatsBench() {}

    /** Runs the benchmark; see {@link BenchDatabase} for the arguments. */
    public static void main(String[] args) throws Exception {
        BenchDatabase.Args options = BenchDatabase.Args.parse(args, "");
        int jobCount = options.size(1_000_000, 2_000);
        try (BenchDatabase database = BenchDatabase.open(options);
                HikariDataSource pool = database.pool(4)) {
            JdbiPersistence.migrateSchema(pool);
            // A database of the tests may hold other tests' jobs: the benchmark's are the only ones it counts on.
            BenchDatabase.sql(pool, "TRUNCATE generation_jobs, job_token_usage");
            fill(pool, jobCount);
            BenchDatabase.sql(pool, "VACUUM ANALYZE generation_jobs");
            BenchDatabase.sql(pool, "VACUUM ANALYZE job_token_usage");
            JobReports jobs = JdbiPersistence.over(pool).jobReports();
            Instant now = Instant.now();
            double anchor = median(() -> BenchDatabase.sql(pool, "SELECT count(*) FROM generation_jobs"));
            double day = median(() -> jobs.stats(now.minus(Duration.ofDays(1))));
            double month = median(() -> jobs.stats(now.minus(Duration.ofDays(30))));
            double activity = median(() -> jobs.workerActivity(now));
            System.out.printf(Locale.ROOT, "anchor, seq-scan count(*) of %,d jobs: %8.2f ms%n", jobCount, anchor);
            System.out.printf(
                    Locale.ROOT,
                    "stats, last 24 h:                    %8.2f ms (%.2f of the anchor)%n",
                    day,
                    day / anchor);
            System.out.printf(
                    Locale.ROOT,
                    "stats, last 30 days:                 %8.2f ms (%.2f of the anchor)%n",
                    month,
                    month / anchor);
            System.out.printf(
                    Locale.ROOT,
                    "worker activity:                     %8.2f ms (%.2f of the anchor)%n",
                    activity,
                    activity / anchor);
        }
    }

    /**
     * A million jobs over 100 days: 90% completed, 5% failed, 3% cancelled, 1% pending, 1% processing. Every job that
     * started used tokens on one model, and one in ten on a second, so {@code jobs stats} sums about 1.1 million usage
     * rows over the whole range.
     */
    private static void fill(DataSource pool, int jobCount) throws SQLException {
        BenchDatabase.sql(
                pool,
                String.format(
                        Locale.ROOT,
                        """
                INSERT INTO generation_jobs (id, user_id, prompt, status, phase, created_at, started_at, completed_at,
                    duration_ms, error_code, error_message, error_retryable, attempts, worker_id, lease_expires_at)
                SELECT gen_random_uuid(), 'user-' || (g %% 5000), 'Prompt ' || g, s.status, 'finalizing', c.created,
                    CASE WHEN s.status = 'pending' THEN NULL ELSE c.created + interval '1 second' END,
                    CASE WHEN s.status IN ('pending', 'processing') THEN NULL
                        ELSE c.created + (1 + g %% 90) * interval '1 second' END,
                    CASE WHEN s.status IN ('completed', 'failed', 'cancelled') THEN (g %% 90) * 1000 ELSE NULL END,
                    CASE WHEN s.status = 'failed' THEN 'NETWORK' END,
                    CASE WHEN s.status = 'failed' THEN 'Network error.' END,
                    CASE WHEN s.status = 'failed' THEN true END,
                    CASE WHEN s.status = 'pending' THEN 0 ELSE 1 END,
                    CASE WHEN s.status = 'processing' THEN 'w' END,
                    CASE WHEN s.status = 'processing' THEN now() + interval '30 seconds' END
                FROM generate_series(1, %1$d) AS g,
                LATERAL (SELECT now() - (g::double precision / %1$d) * interval '100 days' AS created) AS c,
                LATERAL (SELECT CASE WHEN g %% 100 < 90 THEN 'completed' WHEN g %% 100 < 95 THEN 'failed'
                    WHEN g %% 100 < 98 THEN 'cancelled' WHEN g %% 100 < 99 THEN 'pending' ELSE 'processing' END
                    AS status) AS s""",
                        jobCount));
        BenchDatabase.sql(
                pool,
                """
                INSERT INTO job_token_usage (job_id, model, job_created_at, calls, prompt_tokens, output_tokens,
                    thinking_tokens, total_tokens)
                SELECT id, 'gemini-2.5-flash', created_at, 5, 2000, 1500, 200, 3700
                FROM generation_jobs WHERE status <> 'pending'
                UNION ALL
                SELECT id, 'gemini-2.5-pro', created_at, 1, 400, 300, 0, 700
                FROM generation_jobs WHERE status <> 'pending' AND (hashtext(id::text) % 10) = 0""");
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double median(Work work) throws Exception {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        double[] ms = new double[11];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
