package dev.recollect.ports;

import dev.recollect.domain.failure.RetryPolicy;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.review.Reviewer;
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.ChangeLifecycle;
import dev.recollect.ports.in.CheckHealth;
import dev.recollect.ports.in.CleanupJobs;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.FitLearnerParameters;
import dev.recollect.ports.in.FitParameters;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.GetJobDetails;
import dev.recollect.ports.in.GetJobStats;
import dev.recollect.ports.in.GetLearnerParameters;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.GetStats;
import dev.recollect.ports.in.ImportDocuments;
import dev.recollect.ports.in.ListRecentJobs;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.in.ReconcileStats;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.in.ResetLearnerParameters;
import dev.recollect.ports.in.RetryJob;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.in.WatchJob;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.LanguageModels;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.BackgroundWorker;
import dev.recollect.ports.service.EmbedMissing;
import dev.recollect.ports.service.GenerationJobs;
import dev.recollect.ports.service.HealthChecks;
import dev.recollect.ports.service.JobPipeline;
import dev.recollect.ports.service.JobReporting;
import dev.recollect.ports.service.JobWatching;
import dev.recollect.ports.service.LearnerFitting;
import dev.recollect.ports.service.MigrationRunner;
import dev.recollect.ports.service.ParameterFitting;
import dev.recollect.ports.service.Reviews;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The one way in for a service that embeds Recollect: give the {@link #builder()} a {@link Persistence} (such as the
 * PostgreSQL adapter's {@code JdbiPersistence.over(dataSource)}) and, to generate, {@link LanguageModels} (such as
 * {@code GeminiModels.create(config)}); it returns the use cases and the workers, wired with the settings given and
 * the defaults for the rest.
 *
 * <pre>{@code
 * Recollect recollect = Recollect.builder()
 *         .persistence(JdbiPersistence.over(dataSource))
 *         .models(GeminiModels.create(GeminiModels.Config.defaults(apiKey)))
 *         .build();
 * CreateJob.Result created = recollect.createJob().create(new CreateJob.Command("learner-1", "The Krebs cycle", null));
 * try (Worker worker = recollect.worker(Worker.Settings.defaults("worker-1"))) {
 *     worker.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one per deployment and share it. Building does no I/O; the store is first used
 * by the first use case called. Recollect does not own the persistence or the models: the service that made them
 * closes them (a connection pool, say) after closing its workers.
 */
public final class Recollect {
    private final Persistence persistence;
    private final Optional<LanguageModels> models;
    private final Clock clock;
    private final JobPolicy jobPolicy;
    private final RateLimitRule rateLimit;
    private final RetryPolicy retryPolicy;
    private final Duration housekeepingEvery;
    private final Metrics metrics;
    private final IdGenerator ids;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final GenerationJobs jobs;
    private final Reviews reviews;
    private final LearnerFitting learners;
    private final MigrationRunner migrations;
    private final JobReporting reporting;
    private final HealthChecks health;

    private Recollect(Builder builder) {
        this.persistence = builder.persistence;
        this.models = Optional.ofNullable(builder.models);
        this.clock = builder.clock;
        this.jobPolicy = builder.jobPolicy;
        this.rateLimit = builder.rateLimit;
        this.retryPolicy = builder.retryPolicy;
        this.housekeepingEvery = builder.housekeepingEvery;
        this.metrics = builder.metrics;
        this.ids = builder.ids;
        this.sleeper = builder.sleeper;
        this.random =
                new SharedRandom(builder.seed == null ? new SplittableRandom() : new SplittableRandom(builder.seed));
        List<DocumentMigration> offered =
                new ArrayList<>(builder.migrations != null ? builder.migrations : discoveredMigrations());
        if (builder.migrations == null) {
            // With an embedder, the default offer has the embedding backfill too: it needs the model, the others not.
            models.flatMap(LanguageModels::embedder)
                    .ifPresent(embedder -> offered.addAll(EmbedMissing.all(
                            embedder, EmbedMissing.DEFAULT_REQUESTS_PER_MINUTE, builder.clock, builder.sleeper)));
        }
        this.jobs = new GenerationJobs(persistence.jobs(), jobPolicy, rateLimit, ids, clock, metrics);
        this.reviews = new Reviews(
                persistence.concepts(),
                persistence.phrasings(),
                persistence.reviews(),
                persistence.userStats(),
                persistence.learnerParameters(),
                new Reviewer(new Scheduler(builder.fsrs)),
                ids,
                clock,
                random,
                metrics);
        this.learners = new LearnerFitting(persistence.reviews(), persistence.learnerParameters(), builder.fsrs, clock);
        this.migrations =
                new MigrationRunner(persistence.migrations(), offered, ids, clock, metrics, persistence::openSignals);
        this.reporting = new JobReporting(
                jobs, persistence.concepts(), persistence.phrasings(), persistence.jobReports(), clock);
        this.health = new HealthChecks(persistence, models, clock);
        metrics.observeQueue(persistence.jobReports(), clock);
    }

    /** The built-in migrations, and those that jars on the class path declare as {@link DocumentMigration} services. */
    private static List<DocumentMigration> discoveredMigrations() {
        List<DocumentMigration> all = new ArrayList<>(BuiltInMigrations.all());
        ServiceLoader.load(DocumentMigration.class).forEach(all::add);
        return List.copyOf(all);
    }

    /** A builder with every default; only the persistence is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Creates generation jobs, under the per-learner cap and the rate limit. */
    public CreateJob createJob() {
        return jobs;
    }

    /** Reads a learner's job. */
    public GetJob getJob() {
        return jobs;
    }

    /** Reads a learner's job with its concepts, phrasings and token usage. */
    public GetJobDetails getJobDetails() {
        return reporting;
    }

    /** Lists a learner's recent jobs, and their quota. */
    public ListRecentJobs listRecentJobs() {
        return jobs;
    }

    /** Cancels a learner's job. */
    public CancelJob cancelJob() {
        return jobs;
    }

    /** Queues a learner's failed job again. */
    public RetryJob retryJob() {
        return jobs;
    }

    /** Deletes expired jobs and old rate-limit admissions; a started worker does it on its own. */
    public CleanupJobs cleanupJobs() {
        return jobs;
    }

    /** Follows a job until it ends, woken by the store's signals; each watch opens and closes its own. */
    public WatchJob watchJob() {
        return (query, onChange) -> {
            try (JobSignals signals = persistence.openSignals()) {
                return new JobWatching(persistence.jobs(), signals).follow(query, onChange);
            }
        };
    }

    /** The job system's figures over a window, and the workers' activity now. */
    public GetJobStats getJobStats() {
        return reporting;
    }

    /**
     * Processes one job on the calling thread; workers do this for every job they claim.
     *
     * @throws IllegalStateException when no {@link Builder#models models} were given
     */
    public ProcessJob processJob() {
        return pipeline();
    }

    /**
     * A worker with {@code settings} that reports nothing as jobs end; start it, or run it until idle, and close it.
     *
     * @throws IllegalStateException when no {@link Builder#models models} were given
     */
    public Worker worker(Worker.Settings settings) {
        return worker(settings, outcome -> {});
    }

    /**
     * A worker with {@code settings}; nothing runs until it is started (or run until idle or closed). It opens the
     * store's signals on creation and closes them when closed.
     *
     * @param onFinished told how each job ended, from worker threads; for progress displays
     * @throws IllegalStateException when no {@link Builder#models models} were given
     */
    public Worker worker(Worker.Settings settings, Consumer<ProcessJob.Outcome> onFinished) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(onFinished, "onFinished");
        return new BackgroundWorker(persistence, pipeline(), settings, housekeepingEvery, jobs, clock, onFinished);
    }

    private JobPipeline pipeline() {
        LanguageModels model = models.orElseThrow(() -> new IllegalStateException(
                "no language models were given to Recollect.builder(): generation needs them"));
        return new JobPipeline(
                new JobPipeline.Dependencies(
                        persistence.jobs(),
                        persistence.concepts(),
                        persistence.phrasings(),
                        model.conceptSynthesizer(),
                        model.phrasingGenerator(),
                        model.embedder(),
                        jobPolicy,
                        retryPolicy,
                        ids,
                        clock,
                        sleeper,
                        random),
                metrics);
    }

    /** Records an answer and reschedules its concept with FSRS. */
    public RecordInteraction recordInteraction() {
        return reviews;
    }

    /** Picks the learner's next review. */
    public GetNextReview getNextReview() {
        return reviews;
    }

    /** Reads the learner's counters. */
    public GetStats getStats() {
        return reviews;
    }

    /** Recounts the learner's counters from their concepts, and repairs any drift. */
    public ReconcileStats reconcileStats() {
        return reviews;
    }

    /** Archives, restores, deletes or undeletes a concept or a phrasing. */
    public ChangeLifecycle changeLifecycle() {
        return reviews;
    }

    /**
     * Fits FSRS weights to a learner's recorded answers and, on request, saves them as that learner's: from then on
     * their answers are scheduled, and their queue ranked, with them.
     */
    public FitLearnerParameters fitLearnerParameters() {
        return learners;
    }

    /** Reads the FSRS weights saved for a learner. */
    public GetLearnerParameters getLearnerParameters() {
        return learners;
    }

    /** Deletes the FSRS weights saved for a learner, so that the deployment's schedule them again. */
    public ResetLearnerParameters resetLearnerParameters() {
        return learners;
    }

    /** Plans, runs, reports and retries data migrations. */
    public RunMigrations runMigrations() {
        return migrations;
    }

    /** Imports documents from another system into staging, for the migrations. */
    public ImportDocuments importDocuments() {
        return migrations;
    }

    /** Checks the store, its schema, stuck jobs, the workers and, when asked, the model. */
    public CheckHealth checkHealth() {
        return health;
    }

    /** Fits FSRS-6 parameters to review histories, as fsrs-rs 6.5.0 does; needs neither the store nor a model. */
    public FitParameters fitParameters() {
        return FITTING;
    }

    /**
     * {@link #fitParameters()} without building a Recollect, for a caller with review logs and no store, such as a
     * command that fits a file.
     */
    public static FitParameters parameterFitting() {
        return FITTING;
    }

    private static final FitParameters FITTING = new ParameterFitting();

    /** What the models say they are, for people; empty when none were given. */
    public Optional<String> modelDescription() {
        return models.map(LanguageModels::description);
    }

    /**
     * What a {@link Recollect} is made of. Every setter checks its argument at once and returns this builder;
     * {@link #build()} checks that the persistence was given.
     */
    public static final class Builder {
        private Persistence persistence;
        private LanguageModels models;
        private Clock clock = Clock.systemUTC();
        private JobPolicy jobPolicy = JobPolicy.DEFAULT;
        private RateLimitRule rateLimit = RateLimitRule.QUESTION_GENERATION;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Parameters fsrs = Parameters.defaults();
        private Duration housekeepingEvery = Duration.ofMinutes(10);
        private Metrics metrics = Metrics.NONE;
        private IdGenerator ids = IdGenerator.random();
        private Sleeper sleeper = Sleeper.system();
        private List<DocumentMigration> migrations;
        private Long seed;

        private Builder() {}

        /** Where the data lives. Required. */
        public Builder persistence(Persistence persistence) {
            this.persistence = Objects.requireNonNull(persistence, "persistence");
            return this;
        }

        /** The model that generation uses. Required for {@link #processJob()} and workers, not for reviews. */
        public Builder models(LanguageModels models) {
            this.models = Objects.requireNonNull(models, "models");
            return this;
        }

        /** The clock every use case reads; default the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The job policy: cap, retentions, rescue limit; default {@link JobPolicy#DEFAULT}, the reference's. */
        public Builder jobPolicy(JobPolicy jobPolicy) {
            this.jobPolicy = Objects.requireNonNull(jobPolicy, "jobPolicy");
            return this;
        }

        /**
         * The rate limit on creating and retrying jobs, per learner and per IP address; default
         * {@link RateLimitRule#QUESTION_GENERATION}, the reference's.
         */
        public Builder rateLimit(RateLimitRule rateLimit) {
            this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
            return this;
        }

        /** The attempts and backoff of each model call within a job; default {@link RetryPolicy#DEFAULT}. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** FSRS's parameters for scheduling reviews; default {@link Parameters#defaults()}, as ts-fsrs's. */
        public Builder fsrs(Parameters fsrs) {
            this.fsrs = Objects.requireNonNull(fsrs, "fsrs");
            return this;
        }

        /**
         * How often a started worker runs the cleanup (one process at a time among many); zero for never; default
         * ten minutes.
         *
         * @throws IllegalArgumentException for a negative interval
         */
        public Builder housekeepingEvery(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the housekeeping interval must be >= 0, got " + interval);
            }
            this.housekeepingEvery = interval;
            return this;
        }

        /**
         * Where the use cases record what they do; default {@link Metrics#NONE}. For Micrometer, pass a
         * {@code dev.recollect.ports.metrics.MicrometerMetrics}, which also gets the queue's gauges.
         */
        public Builder metrics(Metrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** How new ids are made; default random UUIDs. */
        public Builder ids(IdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** How retries and outages wait; default real sleeps. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The data migrations to offer, instead of the default: the built-in ones and those that jars on the class
         * path declare as {@link DocumentMigration} services (see docs/migrations.md).
         *
         * @throws IllegalArgumentException when two share a name
         */
        public Builder migrations(List<DocumentMigration> migrations) {
            List<DocumentMigration> copy = List.copyOf(migrations);
            if (copy.stream().map(DocumentMigration::name).distinct().count() != copy.size()) {
                throw new IllegalArgumentException("two migrations share a name");
            }
            this.migrations = copy;
            return this;
        }

        /**
         * Seeds the randomness (the review queue's shuffle, the retry jitter), so that a run replays exactly;
         * default unseeded.
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds; no I/O happens.
         *
         * @throws IllegalStateException when no persistence was given
         */
        public Recollect build() {
            if (persistence == null) {
                throw new IllegalStateException(
                        "Recollect.builder() needs a persistence, such as" + " JdbiPersistence.over(dataSource)");
            }
            return new Recollect(this);
        }
    }

    /** One generator shared by every thread: SplittableRandom is not thread-safe, and every draw goes through here. */
    private static final class SharedRandom implements RandomGenerator {
        private final SplittableRandom random;

        SharedRandom(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public synchronized long nextLong() {
            return random.nextLong();
        }
    }
}
