package dev.recollect.ports.testing;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.CleanupCounts;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStats;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.job.JobTransition;
import dev.recollect.domain.job.WorkerActivity;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.paging.Cursor;
import dev.recollect.domain.paging.Page;
import dev.recollect.domain.paging.PageRequest;
import dev.recollect.domain.usage.ModelUsage;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.ConceptStore;
import dev.recollect.ports.out.ExclusiveLocks;
import dev.recollect.ports.out.JobReports;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.LearnerParameterStore;
import dev.recollect.ports.out.MigrationLedger;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.PhrasingStore;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.RateLimiter;
import dev.recollect.ports.out.ReviewStore;
import dev.recollect.ports.out.UserStatsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every store port in memory, sharing one lock so that cross-store operations (a job and its rate-limit record,
 * concepts and the user's counters) are atomic, as they are in one PostgreSQL transaction.
 */
public final class InMemoryStores implements Persistence {
    private final Object lock = new Object();
    private final Map<JobId, GenerationJob> jobs = new LinkedHashMap<>();
    private final Map<JobId, Lease> leases = new LinkedHashMap<>();
    private final Map<JobId, SortedMap<String, TokenUsage>> usage = new LinkedHashMap<>();
    private final InMemoryRateLimiter rateLimiter = new InMemoryRateLimiter();
    private final ExclusiveLocks exclusiveLocks = new InMemoryExclusiveLocks();

    private final JobStore jobStore = new Jobs();
    private final JobReports reports = new Reports();
    private final MigrationLedger migrations = new InMemoryMigrationLedger();
    private final ManualJobSignals signals = new ManualJobSignals();
    private final InMemoryLibrary library = new InMemoryLibrary(lock);

    /** The job store. */
    @Override
    public JobStore jobs() {
        return jobStore;
    }

    /** The concept store. */
    @Override
    public ConceptStore concepts() {
        return library.concepts;
    }

    /** The phrasing store. */
    @Override
    public PhrasingStore phrasings() {
        return library.phrasings;
    }

    /** The counters. */
    @Override
    public UserStatsStore userStats() {
        return library.stats;
    }

    /** The learners' fitted weights. */
    @Override
    public LearnerParameterStore learnerParameters() {
        return library.learners;
    }

    /** The rate limiter that job creation uses. */
    @Override
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The review store. */
    @Override
    public ReviewStore reviews() {
        return library.reviews;
    }

    @Override
    public JobReports jobReports() {
        return reports;
    }

    @Override
    public MigrationLedger migrations() {
        return migrations;
    }

    @Override
    public ExclusiveLocks exclusiveLocks() {
        return exclusiveLocks;
    }

    /** The signals {@link #openSignals()} hands out, one instance the test drives by hand; never really closed. */
    public ManualJobSignals signals() {
        return signals;
    }

    @Override
    public JobSignals openSignals() {
        return new JobSignals() {
            /** Runs the test's hook; then, like a real wait, throws if the waiting thread was interrupted. */
            @Override
            public void awaitWork(Duration timeout) throws InterruptedException {
                signals.awaitWork(timeout);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for work");
                }
            }

            @Override
            public AutoCloseable onCancelled(java.util.function.Consumer<JobId> listener) {
                return signals.onCancelled(listener);
            }

            @Override
            public AutoCloseable onChanged(java.util.function.Consumer<JobId> listener) {
                return signals.onChanged(listener);
            }

            @Override
            public void close() {
                // The listeners registered through this view close their own handles.
            }
        };
    }

    /** Always current: memory has no schema. */
    @Override
    public Schema schema() {
        return Schema.current("in-memory");
    }

    /** Every job, for assertions. */
    public List<GenerationJob> allJobs() {
        synchronized (lock) {
            return List.copyOf(jobs.values());
        }
    }

    /** Every phrasing, for assertions. */
    public List<Phrasing> allPhrasings() {
        synchronized (lock) {
            return List.copyOf(library.phrasingMap.values());
        }
    }

    /**
     * Everything a use case can write, as values that compare equal when nothing was written: jobs, concepts,
     * phrasings, interactions, counters and token usage. For tests that an action changed nothing.
     */
    public List<Object> everything() {
        synchronized (lock) {
            return List.of(
                    List.copyOf(jobs.values()),
                    List.copyOf(leases.values()),
                    usage.entrySet().stream()
                            .collect(java.util.stream.Collectors.toMap(
                                    Map.Entry::getKey, e -> Map.copyOf(e.getValue()))),
                    List.copyOf(library.conceptMap.values()),
                    List.copyOf(library.phrasingMap.values()),
                    List.copyOf(library.interactionsView()),
                    Map.copyOf(library.statsView()));
        }
    }

    /** Every concept, for assertions. */
    public List<Concept> allConcepts() {
        synchronized (lock) {
            return List.copyOf(library.conceptMap.values());
        }
    }

    /** Removes a concept, as an outside deletion would; for tests of vanished concepts. */
    public void removeConcept(ConceptId id) {
        synchronized (lock) {
            library.conceptMap.remove(id);
        }
    }

    private final class Jobs implements JobStore {
        @Override
        public Admission createIfAllowed(GenerationJob job, JobPolicy policy, RateLimitRule limit, Instant now) {
            synchronized (lock) {
                Optional<Refusal> refused = refuse(job.userId(), job.ipAddress(), policy, limit, now);
                if (refused.isPresent()) {
                    return refused.get();
                }
                jobs.put(job.id(), job);
                return new Admission.Created(job);
            }
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
            synchronized (lock) {
                GenerationJob job = jobs.get(id);
                if (job == null || !job.userId().equals(owner)) {
                    return new RetryAdmission.Missing();
                }
                return retry.apply(job)
                        .fold(
                                applied -> {
                                    Optional<Refusal> refused = refuse(owner, ip, policy, limit, now);
                                    if (refused.isPresent()) {
                                        return refused.get();
                                    }
                                    jobs.put(id, applied.job());
                                    leases.remove(id);
                                    return new RetryAdmission.Retried(applied.job());
                                },
                                RetryAdmission.Refused::new);
            }
        }

        /** The cap, decided by the policy, then the rate limit, recorded when it allows; under the store's lock. */
        private Optional<Refusal> refuse(UserId user, String ip, JobPolicy policy, RateLimitRule limit, Instant now) {
            int active = countActive(user);
            if (!policy.allowsAnother(active)) {
                return Optional.of(new Admission.TooManyActive(active, policy.maxActivePerUser()));
            }
            List<String> identifiers = new ArrayList<>(List.of("user:" + user));
            if (ip != null) {
                identifiers.add("ip:" + ip);
            }
            return rateLimiter
                    .tryAcquire(identifiers, limit, now)
                    .fold(
                            allowed -> Optional.empty(),
                            limited -> Optional.of(new Admission.RateLimited(limited.retryAfterSeconds())));
        }

        @Override
        public Optional<GenerationJob> find(JobId id) {
            synchronized (lock) {
                return Optional.ofNullable(jobs.get(id));
            }
        }

        @Override
        public Page<GenerationJob> listRecent(UserId userId, Set<JobStatus> statuses, PageRequest page) {
            Comparator<GenerationJob> newestFirst = Comparator.comparing(GenerationJob::createdAt)
                    .thenComparing(GenerationJob::id)
                    .reversed();
            List<GenerationJob> mine;
            synchronized (lock) {
                mine = jobs.values().stream()
                        .filter(j -> j.userId().equals(userId) && statuses.contains(j.status()))
                        .sorted(newestFirst)
                        .toList();
            }
            List<GenerationJob> after = page.after()
                    .map(c -> mine.stream().filter(j -> isAfter(j, c)).toList())
                    .orElse(mine);
            List<GenerationJob> items = after.subList(0, Math.min(page.size(), after.size()));
            Optional<Cursor> next =
                    after.size() > page.size() ? Optional.of(cursorOf(items.get(items.size() - 1))) : Optional.empty();
            return new Page<>(items, next);
        }

        @Override
        public Optional<JobTransition> transition(JobId id, Function<GenerationJob, JobTransition> change) {
            synchronized (lock) {
                GenerationJob current = jobs.get(id);
                if (current == null) {
                    return Optional.empty();
                }
                JobTransition transition = change.apply(current);
                if (transition.applied()) {
                    jobs.put(id, transition.job());
                }
                return Optional.of(transition);
            }
        }

        @Override
        public List<JobTransition> transitionAll(List<JobId> ids, Function<GenerationJob, JobTransition> change) {
            synchronized (lock) {
                List<JobTransition> transitions = new ArrayList<>();
                for (JobId id : ids) {
                    transition(id, change).ifPresent(transitions::add);
                }
                return transitions;
            }
        }

        @Override
        public CleanupCounts deleteExpired(JobPolicy policy, Instant now) {
            synchronized (lock) {
                int completed = 0;
                int failed = 0;
                int cancelled = 0;
                for (GenerationJob job : List.copyOf(jobs.values())) {
                    if (policy.isExpired(job, now)) {
                        jobs.remove(job.id());
                        usage.remove(job.id());
                        completed += job.status() == JobStatus.COMPLETED ? 1 : 0;
                        failed += job.status() == JobStatus.FAILED ? 1 : 0;
                        cancelled += job.status() == JobStatus.CANCELLED ? 1 : 0;
                    }
                }
                return new CleanupCounts(completed, failed, cancelled);
            }
        }

        @Override
        public int deleteAdmissionsBefore(Instant before) {
            return rateLimiter.deleteOlderThan(before);
        }

        @Override
        public List<GenerationJob> claim(int max, String workerId, Duration lease, Instant now) {
            synchronized (lock) {
                List<GenerationJob> claimable = new ArrayList<>();
                jobs.values().stream()
                        .filter(j -> j.status() == JobStatus.PROCESSING && leaseExpired(j.id(), now))
                        .sorted(Comparator.comparing((GenerationJob j) -> leaseEnd(j.id()))
                                .thenComparing(GenerationJob::createdAt)
                                .thenComparing(GenerationJob::id))
                        .forEach(claimable::add);
                jobs.values().stream()
                        .filter(j -> j.status() == JobStatus.PENDING)
                        .sorted(Comparator.comparing(GenerationJob::createdAt).thenComparing(GenerationJob::id))
                        .forEach(claimable::add);
                List<GenerationJob> claimed = new ArrayList<>();
                for (GenerationJob job : claimable.subList(0, Math.min(max, claimable.size()))) {
                    // A processing job here lost its worker: taking it over is a rescue, not the job's error.
                    GenerationJob started = job.status() == JobStatus.PROCESSING
                            ? job.rescue(now).job()
                            : job.start(now).job();
                    jobs.put(job.id(), started);
                    leases.put(job.id(), new Lease(workerId, started.attempts(), now.plus(lease)));
                    claimed.add(started);
                }
                return claimed;
            }
        }

        @Override
        public boolean renewLease(JobId id, int attempt, String workerId, Instant until) {
            synchronized (lock) {
                GenerationJob job = jobs.get(id);
                Lease lease = leases.get(id);
                if (job == null
                        || job.status() != JobStatus.PROCESSING
                        || lease == null
                        || lease.attempt() != attempt
                        || !lease.workerId().equals(workerId)) {
                    return false;
                }
                leases.put(id, new Lease(workerId, attempt, until));
                return true;
            }
        }

        @Override
        public void releaseLease(JobId id, int attempt, String workerId) {
            synchronized (lock) {
                Lease lease = leases.get(id);
                if (lease != null
                        && lease.attempt() == attempt
                        && lease.workerId().equals(workerId)) {
                    leases.put(id, new Lease(workerId, attempt, Instant.MIN));
                }
            }
        }

        @Override
        public void recordUsage(JobId id, String model, TokenUsage used) {
            synchronized (lock) {
                if (jobs.containsKey(id)) {
                    usage.computeIfAbsent(id, k -> new TreeMap<>()).merge(model, used, TokenUsage::plus);
                }
            }
        }

        @Override
        public int countActive(UserId userId) {
            synchronized (lock) {
                return (int) jobs.values().stream()
                        .filter(j -> j.userId().equals(userId) && j.status().isActive())
                        .count();
            }
        }
    }

    private final class Reports implements JobReports {
        @Override
        public int countStuck(Instant now) {
            synchronized (lock) {
                return (int) jobs.values().stream()
                        .filter(j -> j.status() == JobStatus.PROCESSING && leaseExpired(j.id(), now))
                        .count();
            }
        }

        @Override
        public List<ModelUsage> usage(JobId id) {
            synchronized (lock) {
                return byModel(usage.getOrDefault(id, new TreeMap<>()));
            }
        }

        @Override
        public JobStats stats(Instant since) {
            synchronized (lock) {
                Map<JobStatus, Integer> byStatus = new java.util.EnumMap<>(JobStatus.class);
                for (JobStatus status : JobStatus.values()) {
                    byStatus.put(status, 0);
                }
                Map<dev.recollect.domain.failure.ErrorCode, Integer> failures = new java.util.HashMap<>();
                List<Long> durations = new ArrayList<>();
                int completed = 0;
                for (GenerationJob job : jobs.values()) {
                    if (!job.createdAt().isBefore(since)) {
                        byStatus.merge(job.status(), 1, Integer::sum);
                    }
                    boolean finishedSince =
                            job.completedAt() != null && !job.completedAt().isBefore(since);
                    if (finishedSince && job.status() == JobStatus.FAILED) {
                        failures.merge(job.failure().orElseThrow().code(), 1, Integer::sum);
                    }
                    if (finishedSince && job.status() == JobStatus.COMPLETED) {
                        completed++;
                        if (job.durationMs() != null) {
                            durations.add(job.durationMs());
                        }
                    }
                }
                SortedMap<String, TokenUsage> used = new TreeMap<>();
                jobs.values().stream()
                        .filter(job -> !job.createdAt().isBefore(since))
                        .flatMap(job -> usage.getOrDefault(job.id(), new TreeMap<>()).entrySet().stream())
                        .forEach(e -> used.merge(e.getKey(), e.getValue(), TokenUsage::plus));
                List<GenerationJob> recent = jobs.values().stream()
                        .sorted(Comparator.comparing(GenerationJob::createdAt)
                                .thenComparing(GenerationJob::id)
                                .reversed())
                        .limit(JobStats.RECENT)
                        .toList();
                return new JobStats(
                        byStatus,
                        failures,
                        completed,
                        percentile(durations, 0.5),
                        percentile(durations, 0.95),
                        byModel(used),
                        recent);
            }
        }

        private static List<ModelUsage> byModel(SortedMap<String, TokenUsage> usage) {
            return usage.entrySet().stream()
                    .map(e -> new ModelUsage(e.getKey(), e.getValue()))
                    .toList();
        }

        @Override
        public WorkerActivity workerActivity(Instant now) {
            synchronized (lock) {
                int live = (int) jobs.values().stream()
                        .filter(j -> j.status() == JobStatus.PROCESSING && !leaseExpired(j.id(), now))
                        .count();
                List<GenerationJob> pending = jobs.values().stream()
                        .filter(j -> j.status() == JobStatus.PENDING)
                        .toList();
                Instant oldest = pending.stream()
                        .map(GenerationJob::createdAt)
                        .min(Comparator.naturalOrder())
                        .orElse(null);
                Instant finished = jobs.values().stream()
                        .filter(j -> j.status() == JobStatus.COMPLETED || j.status() == JobStatus.FAILED)
                        .map(GenerationJob::completedAt)
                        .max(Comparator.naturalOrder())
                        .orElse(null);
                return new WorkerActivity(live, pending.size(), oldest, finished);
            }
        }
    }

    /** Whether job {@code id} has no lease running at {@code now}. Call with the lock held. */
    /** When a job's lease ran out: a released lease, or none, ran out before any other. */
    private Instant leaseEnd(JobId id) {
        Lease lease = leases.get(id);
        return lease == null ? Instant.MIN : lease.until();
    }

    private boolean leaseExpired(JobId id, Instant now) {
        Lease lease = leases.get(id);
        return lease == null || lease.until().isBefore(now);
    }

    /** Who holds a processing job, at which attempt, until when. */
    private record Lease(String workerId, int attempt, Instant until) {}

    /** The {@code p}-quantile of {@code durations} as PostgreSQL's {@code percentile_cont}: linear between ranks. */
    static Long percentile(List<Long> durations, double p) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Long> sorted = durations.stream().sorted().toList();
        double rank = p * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return Math.round(sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below)));
    }

    static boolean isAfter(GenerationJob job, Cursor cursor) {
        int byTime = job.createdAt().compareTo(cursor.at());
        return byTime < 0 || (byTime == 0 && job.id().compareTo(new JobId(cursor.id())) < 0);
    }

    static Cursor cursorOf(GenerationJob job) {
        return new Cursor(job.createdAt(), job.id().value());
    }
}
