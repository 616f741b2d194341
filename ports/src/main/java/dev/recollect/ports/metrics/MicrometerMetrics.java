package dev.recollect.ports.metrics;

import dev.recollect.domain.failure.ErrorClassifier.Stage;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.ports.out.JobReports;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Metrics} port over a Micrometer {@link MeterRegistry}. The meters, all named {@code recollect.*}, are
 * listed in {@code docs/operations.md}; tag values are lower-case wire names.
 *
 * <p>Timers publish p50 and p95 and a percentile histogram, so that a backend that aggregates across instances
 * (Prometheus, for one) can compute its own percentiles.
 */
public final class MicrometerMetrics implements Metrics {
    private final MeterRegistry registry;
    private final Counter created;
    private final Counter retried;
    private final Counter completed;
    private final Counter cancelled;
    private final Duration queueRefresh;

    /** How often the queue's gauges read the store at most, unless told otherwise. */
    public static final Duration QUEUE_REFRESH = Duration.ofSeconds(10);

    /** Metrics recorded into {@code registry}; the queue's gauges read the store every {@link #QUEUE_REFRESH}. */
    public MicrometerMetrics(MeterRegistry registry) {
        this(registry, QUEUE_REFRESH);
    }

    /**
     * Metrics recorded into {@code registry}.
     *
     * @param queueRefresh how often the queue's gauges read the store at most, however often they are scraped
     */
    public MicrometerMetrics(MeterRegistry registry, Duration queueRefresh) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.queueRefresh = Objects.requireNonNull(queueRefresh, "queueRefresh");
        if (queueRefresh.isNegative()) {
            throw new IllegalArgumentException("the queue refresh must be >= 0, got " + queueRefresh);
        }
        this.created = Counter.builder("recollect.jobs.created")
                .description("Generation jobs created")
                .register(registry);
        this.retried = Counter.builder("recollect.jobs.retried")
                .description("Failed generation jobs queued again by their owners")
                .register(registry);
        this.completed = Counter.builder("recollect.jobs.completed")
                .description("Generation jobs that completed")
                .register(registry);
        this.cancelled = Counter.builder("recollect.jobs.cancelled")
                .description("Generation jobs cancelled")
                .register(registry);
    }

    /**
     * Registers the queue's gauges, {@code recollect.jobs.queue.depth} and {@code recollect.jobs.queue.oldest.age},
     * read from {@code jobs} at most once per {@code refresh} however often the registry asks.
     *
     * @return this, for chaining
     */
    public MicrometerMetrics bindQueue(JobReports jobs, Clock clock, Duration refresh) {
        QueueSnapshot queue = new QueueSnapshot(jobs, clock, refresh);
        // Strong references: gauges hold their object weakly by default, and nothing else holds the snapshot.
        Gauge.builder("recollect.jobs.queue.depth", queue, QueueSnapshot::depth)
                .description("Pending generation jobs")
                .baseUnit("jobs")
                .strongReference(true)
                .register(registry);
        TimeGauge.builder("recollect.jobs.queue.oldest.age", queue, TimeUnit.SECONDS, QueueSnapshot::oldestAgeSeconds)
                .description("How long the oldest pending job has waited; 0 when none waits")
                .strongReference(true)
                .register(registry);
        return this;
    }

    /** Registers the queue's gauges, reading {@code reports} at most once per refresh interval. */
    @Override
    public void observeQueue(JobReports reports, Clock clock) {
        bindQueue(reports, clock, queueRefresh);
    }

    @Override
    public void jobCreated() {
        created.increment();
    }

    @Override
    public void jobRetried() {
        retried.increment();
    }

    @Override
    public void jobRejected(Rejection reason) {
        registry.counter("recollect.jobs.rejected", "reason", tag(reason)).increment();
    }

    @Override
    public void jobFinished(GenerationJob job) {
        if (job.status() == JobStatus.COMPLETED) {
            completed.increment();
        } else if (job.status() == JobStatus.FAILED) {
            String code = job.failure().map(e -> tag(e.code())).orElse("unknown");
            registry.counter("recollect.jobs.failed", "error", code).increment();
        } else if (job.status() == JobStatus.CANCELLED) {
            cancelled.increment();
        } else {
            return;
        }
        if (job.durationMs() != null) {
            timer("recollect.jobs.duration", "Time from a job's start to its end", Duration.ofHours(1))
                    .tag("status", job.status().wireName())
                    .register(registry)
                    .record(Duration.ofMillis(job.durationMs()));
        }
    }

    @Override
    public void phaseFinished(JobPhase phase, Duration took) {
        timer("recollect.jobs.phase.duration", "Time an attempt spent in one phase", Duration.ofHours(1))
                .tag("phase", phase.wireName())
                .register(registry)
                .record(took);
    }

    @Override
    public void llmCalled(Stage stage, Optional<ErrorCode> failure, Duration latency) {
        timer("recollect.llm.calls", "LLM calls made by the pipeline, by outcome", Duration.ofMinutes(10))
                .tag("stage", tag(stage))
                .tag("outcome", failure.map(MicrometerMetrics::tag).orElse("success"))
                .register(registry)
                .record(latency);
    }

    @Override
    public void llmRetried(Stage stage) {
        retries(stage, "pipeline").increment();
    }

    @Override
    public void llmReported(Stage stage, LlmCall call) {
        if (call.attempts() > 1) {
            retries(stage, "adapter").increment(call.attempts() - 1.0);
        }
        tokens(stage, call.model(), "prompt").increment(call.usage().prompt());
        tokens(stage, call.model(), "output").increment(call.usage().output());
        tokens(stage, call.model(), "thinking").increment(call.usage().thinking());
    }

    @Override
    public void reviewRecorded(boolean correct) {
        registry.counter("recollect.reviews.recorded", "result", correct ? "correct" : "incorrect")
                .increment();
    }

    @Override
    public void migrationBatch(String migration, MigrationBatch batch) {
        registry.counter(
                        "recollect.migration.batches",
                        "migration",
                        migration,
                        "outcome",
                        batch.state().wireName())
                .increment();
        if (batch.state() == BatchState.COMPLETED) {
            records(migration, "updated").increment(batch.stats().updated());
            records(migration, "skipped").increment(batch.stats().skippedTotal());
            records(migration, "failed").increment(batch.stats().errors());
        }
    }

    private Counter retries(Stage stage, String source) {
        return Counter.builder("recollect.llm.retries")
                .description("Retries of failed LLM calls, by who retried")
                .tag("stage", tag(stage))
                .tag("source", source)
                .register(registry);
    }

    private Counter tokens(Stage stage, String model, String kind) {
        return Counter.builder("recollect.llm.tokens")
                .description("Tokens the LLM provider reported")
                .baseUnit("tokens")
                .tag("stage", tag(stage))
                .tag("model", model)
                .tag("kind", kind)
                .register(registry);
    }

    private Counter records(String migration, String outcome) {
        return registry.counter("recollect.migration.records", "migration", migration, "outcome", outcome);
    }

    private static Timer.Builder timer(String name, String description, Duration longest) {
        return Timer.builder(name)
                .description(description)
                .publishPercentiles(0.5, 0.95)
                .publishPercentileHistogram()
                .maximumExpectedValue(longest);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
