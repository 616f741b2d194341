package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.JobId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStats;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.job.WorkerActivity;
import dev.recollect.domain.usage.ModelUsage;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.JobReports;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementContext;

/** Reports over the generation jobs in PostgreSQL; read-only, each query on an index the queue keeps anyway. */
final class JdbiJobReports implements JobReports {
    private final Database db;

    JdbiJobReports(Database db) {
        this.db = db;
    }

    @Override
    public int countStuck(Instant now) {
        return db.withHandle("count stuck jobs", handle -> handle.createQuery("SELECT count(*) FROM generation_jobs"
                        + " WHERE status = 'processing' AND (lease_expires_at IS NULL OR lease_expires_at < :now)")
                .bind("now", timestamp(now))
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public List<ModelUsage> usage(JobId id) {
        return db.withHandle("read the tokens of job " + id, handle -> handle.createQuery("SELECT " + USAGE_SUMS
                        + " FROM job_token_usage WHERE job_id = :id GROUP BY model ORDER BY model")
                .bind("id", id.value())
                .map(JdbiJobReports::modelUsage)
                .list());
    }

    /** Sums of a usage row set by model; over one job, each sum is of one row. */
    private static final String USAGE_SUMS = "model, sum(calls) AS calls, sum(prompt_tokens) AS prompt,"
            + " sum(output_tokens) AS output, sum(thinking_tokens) AS thinking, sum(total_tokens) AS total";

    private static ModelUsage modelUsage(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ModelUsage(
                rs.getString("model"),
                new TokenUsage(
                        rs.getLong("calls"),
                        rs.getLong("prompt"),
                        rs.getLong("output"),
                        rs.getLong("thinking"),
                        rs.getLong("total")));
    }

    @Override
    public JobStats stats(Instant since) {
        return db.withHandle("read job stats", handle -> {
            Map<JobStatus, Integer> byStatus = new EnumMap<>(JobStatus.class);
            for (JobStatus status : JobStatus.values()) {
                byStatus.put(status, 0);
            }
            handle.createQuery("SELECT status, count(*) AS n FROM generation_jobs WHERE created_at >= :since"
                            + " GROUP BY status")
                    .bind("since", timestamp(since))
                    .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getInt("n")))
                    .forEach(e -> byStatus.put(
                            Rows.byWireName(JobStatus.values(), JobStatus::wireName, e.getKey()), e.getValue()));
            Map<ErrorCode, Integer> failures = new EnumMap<>(ErrorCode.class);
            handle.createQuery("SELECT error_code, count(*) AS n FROM generation_jobs WHERE status = 'failed'"
                            + " AND completed_at >= :since GROUP BY error_code")
                    .bind("since", timestamp(since))
                    .map((rs, ctx) -> Map.entry(ErrorCode.valueOf(rs.getString("error_code")), rs.getInt("n")))
                    .forEach(e -> failures.put(e.getKey(), e.getValue()));
            Durations durations = handle.createQuery(
                            """
                            SELECT count(*) AS n,
                                CAST(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)) AS bigint) AS p50,
                                CAST(round(percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)) AS bigint) AS p95
                            FROM generation_jobs WHERE status = 'completed' AND completed_at >= :since""")
                    .bind("since", timestamp(since))
                    .map((rs, ctx) -> new Durations(
                            rs.getInt("n"), rs.getObject("p50", Long.class), rs.getObject("p95", Long.class)))
                    .one();
            List<ModelUsage> usage = handle.createQuery("SELECT " + USAGE_SUMS
                            + " FROM job_token_usage WHERE job_created_at >= :since GROUP BY model ORDER BY model")
                    .bind("since", timestamp(since))
                    .map(JdbiJobReports::modelUsage)
                    .list();
            List<GenerationJob> recent = handle.createQuery("SELECT " + JdbiJobStore.COLUMNS + " FROM generation_jobs"
                            + " ORDER BY created_at DESC, id DESC LIMIT :n")
                    .bind("n", JobStats.RECENT)
                    .mapTo(Rows.JobRow.class)
                    .map(Rows.JobRow::toDomain)
                    .list();
            return new JobStats(byStatus, failures, durations.count(), durations.p50(), durations.p95(), usage, recent);
        });
    }

    private record Durations(int count, Long p50, Long p95) {}

    @Override
    public WorkerActivity workerActivity(Instant now) {
        // Separate statements, each on its own partial index, rather than one scan of every job. The pending count
        // and the oldest pending job come from one statement, so that they agree with each other.
        return db.withHandle("read worker activity", handle -> {
            int live = handle.createQuery("SELECT count(*) FROM generation_jobs WHERE status = 'processing'"
                            + " AND lease_expires_at >= :now")
                    .bind("now", timestamp(now))
                    .mapTo(Integer.class)
                    .one();
            Pending pending = handle.createQuery("SELECT count(*) AS n, min(created_at) AS oldest"
                            + " FROM generation_jobs WHERE status = 'pending'")
                    .map((rs, ctx) -> new Pending(rs.getInt("n"), Database.instant(rs, "oldest")))
                    .one();
            // A backward index probe per status, where `status IN (...)` reads the whole index.
            Instant lastFinished = handle.createQuery("SELECT greatest((SELECT max(completed_at) FROM"
                            + " generation_jobs WHERE status = 'completed'), (SELECT max(completed_at) FROM"
                            + " generation_jobs WHERE status = 'failed')) AS at")
                    .map((rs, ctx) -> Database.instant(rs, "at"))
                    .one();
            return new WorkerActivity(live, pending.count(), pending.oldest(), lastFinished);
        });
    }

    private record Pending(int count, Instant oldest) {}
}
