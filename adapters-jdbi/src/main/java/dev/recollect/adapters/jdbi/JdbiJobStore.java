package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.instant;
import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.CleanupCounts;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.job.JobTransition;
import dev.recollect.domain.paging.Cursor;
import dev.recollect.domain.paging.Page;
import dev.recollect.domain.paging.PageRequest;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.RateLimitRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/** Generation jobs in PostgreSQL. */
final class JdbiJobStore implements JobStore {
    /** The columns {@link Rows.JobRow} reads, in its order. */
    static final String COLUMNS =
            """
            id, user_id, prompt, ip_address, status, phase, questions_generated, questions_saved, estimated_total,
            topic, concept_ids, pending_concept_ids, duration_ms, error_code, error_message, error_retryable,
            created_at, started_at, completed_at, attempts, rescues, retries""";

    /** How many expired jobs one cleanup transaction deletes at most. */
    static final int CLEANUP_BATCH = 1000;

    private final Database db;
    private final JdbiRateLimiter rateLimiter;

    JdbiJobStore(Database db, JdbiRateLimiter rateLimiter) {
        this.db = db;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Admission createIfAllowed(GenerationJob job, JobPolicy policy, RateLimitRule limit, Instant now) {
        return db.inTransaction("create job " + job.id(), handle -> {
            Optional<Refusal> refused = refuse(handle, job.userId(), job.ipAddress(), policy, limit, now);
            if (refused.isPresent()) {
                return refused.get();
            }
            insert(handle, job);
            return new Admission.Created(job);
        });
    }

    @Override
    public RetryAdmission retryIfAllowed(
            JobId id,
            UserId owner,
            String ip,
            Function<GenerationJob, JobTransition> retry,
            JobPolicy policy,
            RateLimitRule limit,
            Instant now) {
        return db.inTransaction("retry job " + id, handle -> {
            // The user's lock first, as a creation takes it, then the job's row: one order for every writer.
            Database.lock(handle, "jobs:user:" + owner);
            Optional<GenerationJob> current = handle.createQuery(
                            "SELECT " + COLUMNS + " FROM generation_jobs WHERE id = :id FOR UPDATE")
                    .bind("id", id.value())
                    .mapTo(Rows.JobRow.class)
                    .map(Rows.JobRow::toDomain)
                    .findOne()
                    .filter(job -> job.userId().equals(owner));
            if (current.isEmpty()) {
                return new RetryAdmission.Missing();
            }
            return retry.apply(current.get())
                    .fold(
                            applied -> {
                                Optional<Refusal> refused = refuse(handle, owner, ip, policy, limit, now);
                                if (refused.isPresent()) {
                                    return refused.get();
                                }
                                update(handle, applied.job());
                                handle.createUpdate(
                                                "UPDATE generation_jobs SET worker_id = NULL, lease_expires_at = NULL WHERE id = :id")
                                        .bind("id", id.value())
                                        .execute();
                                return new RetryAdmission.Retried(applied.job());
                            },
                            RetryAdmission.Refused::new);
        });
    }

    /**
     * The cap and the rate limit, under the user's lock (and the IP's): the store counts, the policy decides, and the
     * request is recorded against the limit when both allow it. Concurrent requests of one user are serialised, so
     * they can never exceed the cap together.
     */
    private Optional<Refusal> refuse(
            Handle handle, UserId user, String ip, JobPolicy policy, RateLimitRule limit, Instant now) {
        Database.lock(handle, "jobs:user:" + user);
        List<String> identifiers = new ArrayList<>(List.of("user:" + user));
        if (ip != null) {
            Database.lock(handle, "jobs:ip:" + ip);
            identifiers.add("ip:" + ip);
        }
        int active = countActive(handle, user);
        if (!policy.allowsAnother(active)) {
            return Optional.of(new Admission.TooManyActive(active, policy.maxActivePerUser()));
        }
        return rateLimiter
                .tryAcquire(handle, identifiers, limit, now)
                .fold(
                        allowed -> Optional.empty(),
                        limited -> Optional.of(new Admission.RateLimited(limited.retryAfterSeconds())));
    }

    @Override
    public Optional<GenerationJob> find(JobId id) {
        return db.withHandle("find job " + id, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM generation_jobs WHERE id = :id")
                .bind("id", id.value())
                .mapTo(Rows.JobRow.class)
                .map(Rows.JobRow::toDomain)
                .findOne());
    }

    @Override
    public Page<GenerationJob> listRecent(UserId userId, Set<JobStatus> statuses, PageRequest page) {
        List<GenerationJob> rows = db.withHandle("list jobs of " + userId, handle -> {
            String keyset = page.after().isPresent() ? "AND (created_at, id) < (:at, :id)" : "";
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM generation_jobs WHERE user_id = :user "
                            + " AND status = ANY(:statuses) " + keyset
                            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("user", userId.value())
                    .bindArray(
                            "statuses",
                            String.class,
                            statuses.stream().map(JobStatus::wireName).toList())
                    .bind("limit", page.size() + 1);
            page.after().ifPresent(c -> query.bind("at", timestamp(c.at())).bind("id", c.id()));
            return query.mapTo(Rows.JobRow.class).map(Rows.JobRow::toDomain).list();
        });
        List<GenerationJob> items = rows.subList(0, Math.min(page.size(), rows.size()));
        Optional<Cursor> next = rows.size() > page.size()
                ? Optional.of(new Cursor(
                        items.get(items.size() - 1).createdAt(),
                        items.get(items.size() - 1).id().value()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    @Override
    public Optional<JobTransition> transition(JobId id, Function<GenerationJob, JobTransition> change) {
        return db.inTransaction("change job " + id, handle -> {
            Optional<GenerationJob> current = handle.createQuery(
                            "SELECT " + COLUMNS + " FROM generation_jobs WHERE id = :id FOR UPDATE")
                    .bind("id", id.value())
                    .mapTo(Rows.JobRow.class)
                    .map(Rows.JobRow::toDomain)
                    .findOne();
            if (current.isEmpty()) {
                return Optional.empty();
            }
            JobTransition transition = change.apply(current.get());
            if (transition.applied()) {
                update(handle, transition.job());
            }
            return Optional.of(transition);
        });
    }

    @Override
    public List<JobTransition> transitionAll(List<JobId> ids, Function<GenerationJob, JobTransition> change) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.inTransaction("change " + ids.size() + " jobs", handle -> {
            // Locked in id order, so that two batches over the same jobs cannot deadlock.
            java.util.Map<JobId, GenerationJob> current = new java.util.HashMap<>();
            handle.createQuery(
                            "SELECT " + COLUMNS + " FROM generation_jobs WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
                    .bindArray("ids", UUID.class, ids.stream().map(JobId::value).toList())
                    .mapTo(Rows.JobRow.class)
                    .map(Rows.JobRow::toDomain)
                    .forEach(job -> current.put(job.id(), job));
            List<JobTransition> transitions = new ArrayList<>();
            List<GenerationJob> changed = new ArrayList<>();
            for (JobId id : ids) {
                GenerationJob job = current.get(id);
                if (job != null) {
                    JobTransition transition = change.apply(job);
                    transitions.add(transition);
                    if (transition.applied()) {
                        changed.add(transition.job());
                    }
                }
            }
            updateAll(handle, changed, null, null);
            return transitions;
        });
    }

    @Override
    public CleanupCounts deleteExpired(JobPolicy policy, Instant now) {
        // In batches, each its own short transaction, so that a backlog never holds locks or a transaction for long.
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        while (true) {
            List<String> deleted = db.inTransaction("delete expired jobs", handle -> handle.createQuery(
                            """
                            DELETE FROM generation_jobs WHERE id IN (
                                SELECT id FROM generation_jobs
                                WHERE (status = 'completed' AND completed_at <= :completedCutoff)
                                   OR (status = 'failed' AND completed_at <= :failedCutoff)
                                   OR (status = 'cancelled' AND completed_at <= :cancelledCutoff)
                                LIMIT :batch FOR UPDATE SKIP LOCKED)
                            RETURNING status""")
                    .bind("completedCutoff", timestamp(policy.expiryCutoff(JobStatus.COMPLETED, now)))
                    .bind("failedCutoff", timestamp(policy.expiryCutoff(JobStatus.FAILED, now)))
                    .bind("cancelledCutoff", timestamp(policy.expiryCutoff(JobStatus.CANCELLED, now)))
                    .bind("batch", CLEANUP_BATCH)
                    .mapTo(String.class)
                    .list());
            completed += (int) deleted.stream().filter("completed"::equals).count();
            failed += (int) deleted.stream().filter("failed"::equals).count();
            cancelled += (int) deleted.stream().filter("cancelled"::equals).count();
            if (deleted.size() < CLEANUP_BATCH) {
                return new CleanupCounts(completed, failed, cancelled);
            }
        }
    }

    @Override
    public int deleteAdmissionsBefore(Instant before) {
        return rateLimiter.deleteOlderThan(before);
    }

    @Override
    public int countActive(UserId userId) {
        return db.withHandle("count active jobs of " + userId, handle -> countActive(handle, userId));
    }

    @Override
    public List<GenerationJob> claim(int max, String workerId, Duration lease, Instant now) {
        return db.inTransaction("claim jobs for " + workerId, handle -> {
            // Rescue first: a job whose worker died has waited longest. SKIP LOCKED keeps concurrent claims apart.
            List<GenerationJob> claimable = new ArrayList<>(handle.createQuery(
                            "SELECT " + COLUMNS
                                    + " FROM generation_jobs WHERE status = 'processing'"
                                    + " AND (lease_expires_at IS NULL OR lease_expires_at < :now)"
                                    + " ORDER BY lease_expires_at NULLS FIRST, created_at, id LIMIT :max FOR UPDATE SKIP LOCKED")
                    .bind("now", timestamp(now))
                    .bind("max", max)
                    .mapTo(Rows.JobRow.class)
                    .map(Rows.JobRow::toDomain)
                    .list());
            if (claimable.size() < max) {
                claimable.addAll(
                        handle.createQuery("SELECT " + COLUMNS + " FROM generation_jobs WHERE status = 'pending'"
                                        + " ORDER BY created_at, id LIMIT :max FOR UPDATE SKIP LOCKED")
                                .bind("max", max - claimable.size())
                                .mapTo(Rows.JobRow.class)
                                .map(Rows.JobRow::toDomain)
                                .list());
            }
            List<GenerationJob> claimed = new ArrayList<>(claimable.size());
            for (GenerationJob job : claimable) {
                // A processing job here lost its worker: taking it over is a rescue, not the job's error.
                claimed.add((job.status() == JobStatus.PROCESSING ? job.rescue(now) : job.start(now)).job());
            }
            updateAll(handle, claimed, workerId, now.plus(lease));
            return claimed;
        });
    }

    @Override
    public boolean renewLease(JobId id, int attempt, String workerId, Instant until) {
        return db.inTransaction("renew lease of " + id, handle -> handle.createUpdate(
                                """
                        UPDATE generation_jobs SET lease_expires_at = :until
                        WHERE id = :id AND attempts = :attempt AND worker_id = :worker AND status = 'processing'""")
                        .bind("id", id.value())
                        .bind("attempt", attempt)
                        .bind("worker", workerId)
                        .bind("until", timestamp(until))
                        .execute())
                == 1;
    }

    @Override
    public void releaseLease(JobId id, int attempt, String workerId) {
        db.useTransaction("release lease of " + id, handle -> handle.createUpdate(
                        """
                        UPDATE generation_jobs SET lease_expires_at = NULL
                        WHERE id = :id AND attempts = :attempt AND worker_id = :worker AND status = 'processing'""")
                .bind("id", id.value())
                .bind("attempt", attempt)
                .bind("worker", workerId)
                .execute());
    }

    @Override
    public void recordUsage(JobId id, String model, TokenUsage usage) {
        db.useTransaction("record the tokens of job " + id, handle -> handle.createUpdate(
                        """
                        INSERT INTO job_token_usage (job_id, model, job_created_at, calls, prompt_tokens,
                            output_tokens, thinking_tokens, total_tokens)
                        SELECT id, :model, created_at, :calls, :prompt, :output, :thinking, :total
                        FROM generation_jobs WHERE id = :id
                        ON CONFLICT (job_id, model) DO UPDATE SET
                            calls = job_token_usage.calls + excluded.calls,
                            prompt_tokens = job_token_usage.prompt_tokens + excluded.prompt_tokens,
                            output_tokens = job_token_usage.output_tokens + excluded.output_tokens,
                            thinking_tokens = job_token_usage.thinking_tokens + excluded.thinking_tokens,
                            total_tokens = job_token_usage.total_tokens + excluded.total_tokens""")
                .bind("id", id.value())
                .bind("model", model)
                .bind("calls", usage.calls())
                .bind("prompt", usage.prompt())
                .bind("output", usage.output())
                .bind("thinking", usage.thinking())
                .bind("total", usage.total())
                .execute());
    }

    private static int countActive(Handle handle, UserId userId) {
        return handle.createQuery(
                        "SELECT count(*) FROM generation_jobs WHERE user_id = :user AND status IN ('pending', 'processing')")
                .bind("user", userId.value())
                .mapTo(Integer.class)
                .one();
    }

    private static void insert(Handle handle, GenerationJob job) {
        List<GenerationJob> jobs = List.of(job);
        var insert = handle.createUpdate("INSERT INTO generation_jobs (id, user_id, prompt, ip_address, created_at,"
                        + " status, phase, questions_generated, questions_saved, estimated_total, topic, concept_ids,"
                        + " pending_concept_ids, duration_ms, error_code, error_message, error_retryable, started_at,"
                        + " completed_at, attempts, rescues, retries)"
                        + " SELECT v.id, u.user_id, u.prompt, u.ip, u.created, v.status, v.phase, v.generated, v.saved,"
                        + " v.estimated, v.topic, v.concepts::uuid[], v.pending::uuid[], v.duration, v.code, v.message,"
                        + " v.retryable, v.started, v.completed, v.attempts, v.rescues, v.retries"
                        + " FROM " + MUTABLE_COLUMNS
                        + " JOIN unnest(:ids::uuid[], :users::text[], :prompts::text[], :ips::text[],"
                        + " :created::timestamptz[]) AS u(id, user_id, prompt, ip, created) ON u.id = v.id")
                .bindArray("users", String.class, column(jobs, j -> j.userId().value()))
                .bindArray("prompts", String.class, column(jobs, GenerationJob::prompt))
                .bindArray("ips", String.class, column(jobs, GenerationJob::ipAddress))
                .bindArray("created", String.class, column(jobs, j -> text(j.createdAt())));
        bindMutable(insert, jobs).execute();
    }

    private static void update(Handle handle, GenerationJob job) {
        updateAll(handle, List.of(job), null, null);
    }

    /**
     * Saves {@code jobs} with one set-based statement (one round trip and one plan for a whole batch); with a
     * {@code workerId}, also leases them to it until {@code leaseUntil}.
     */
    private static void updateAll(Handle handle, List<GenerationJob> jobs, String workerId, Instant leaseUntil) {
        String lease = workerId == null ? "" : ", worker_id = :worker, lease_expires_at = :until";
        var update = handle.createUpdate("UPDATE generation_jobs j SET status = v.status, phase = v.phase,"
                + " questions_generated = v.generated, questions_saved = v.saved,"
                + " estimated_total = v.estimated, topic = v.topic, concept_ids = v.concepts::uuid[],"
                + " pending_concept_ids = v.pending::uuid[], duration_ms = v.duration, error_code = v.code,"
                + " error_message = v.message, error_retryable = v.retryable, started_at = v.started,"
                + " completed_at = v.completed, attempts = v.attempts, rescues = v.rescues, retries = v.retries"
                + lease
                + " FROM " + MUTABLE_COLUMNS + " WHERE j.id = v.id");
        bindMutable(update, jobs);
        if (workerId != null) {
            update.bind("worker", workerId).bind("until", timestamp(leaseUntil));
        }
        update.execute();
    }

    /** The columns a transition may change, one array per column, unnested into rows named {@code v}. */
    private static final String MUTABLE_COLUMNS = "unnest(:ids::uuid[], :statuses::text[], :phases::text[],"
            + " :generated::int[], :saved::int[], :estimated::int[], :topics::text[], :concepts::text[],"
            + " :pending::text[], :durations::bigint[], :codes::text[], :messages::text[], :retryables::boolean[],"
            + " :started::timestamptz[], :completed::timestamptz[], :attempts::int[], :rescues::int[],"
            + " :retries::int[])"
            + " AS v(id, status, phase, generated, saved, estimated, topic, concepts, pending, duration, code, message,"
            + " retryable, started, completed, attempts, rescues, retries)";

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindMutable(
            S statement, List<GenerationJob> jobs) {
        return statement
                .bindArray("ids", UUID.class, column(jobs, j -> j.id().value()))
                .bindArray(
                        "statuses", String.class, column(jobs, j -> j.status().wireName()))
                .bindArray("phases", String.class, column(jobs, j -> j.phase().wireName()))
                .bindArray("generated", Integer.class, column(jobs, GenerationJob::questionsGenerated))
                .bindArray("saved", Integer.class, column(jobs, GenerationJob::questionsSaved))
                .bindArray("estimated", Integer.class, column(jobs, GenerationJob::estimatedTotal))
                .bindArray("topics", String.class, column(jobs, GenerationJob::topic))
                .bindArray("concepts", String.class, column(jobs, j -> arrayLiteral(j.conceptIds())))
                .bindArray("pending", String.class, column(jobs, j -> arrayLiteral(j.pendingConceptIds())))
                .bindArray("durations", Long.class, column(jobs, GenerationJob::durationMs))
                .bindArray("codes", String.class, column(jobs, j -> j.failure()
                        .map(e -> e.code().name())
                        .orElse(null)))
                .bindArray("messages", String.class, column(jobs, j -> j.failure()
                        .map(e -> e.message())
                        .orElse(null)))
                .bindArray("retryables", Boolean.class, column(jobs, j -> j.failure()
                        .map(e -> e.retryable())
                        .orElse(null)))
                .bindArray("started", String.class, column(jobs, j -> text(j.startedAt())))
                .bindArray("completed", String.class, column(jobs, j -> text(j.completedAt())))
                .bindArray("attempts", Integer.class, column(jobs, GenerationJob::attempts))
                .bindArray("rescues", Integer.class, column(jobs, GenerationJob::rescues))
                .bindArray("retries", Integer.class, column(jobs, GenerationJob::retries));
    }

    private static <T> List<T> column(List<GenerationJob> jobs, Function<GenerationJob, T> value) {
        List<T> values = new ArrayList<>(jobs.size());
        jobs.forEach(job -> values.add(value.apply(job)));
        return values;
    }

    /** A {@code uuid[]} literal, such as {@code {a,b}}: ids are UUIDs, so nothing needs quoting. */
    private static String arrayLiteral(List<ConceptId> ids) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < ids.size(); i++) {
            literal.append(i == 0 ? "" : ",").append(ids.get(i));
        }
        return literal.append('}').toString();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
