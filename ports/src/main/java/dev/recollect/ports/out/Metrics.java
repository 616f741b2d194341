package dev.recollect.ports.out;

import dev.recollect.domain.failure.ErrorClassifier.Stage;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.migration.MigrationBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What the application services tell a metrics system. Every method does nothing by default, so {@link #NONE}
 * records nothing and costs one virtual call; {@code dev.recollect.ports.metrics.MicrometerMetrics} records into a
 * Micrometer registry. Implementations must not throw: metrics never fail a job.
 */
public interface Metrics {
    /** Records nothing. */
    Metrics NONE = new Metrics() {};

    /** Why a job was not created. */
    enum Rejection {
        /** The prompt was shorter than the policy allows. */
        PROMPT_TOO_SHORT,
        /** The prompt was longer than the policy allows. */
        PROMPT_TOO_LONG,
        /** The prompt held a control character. */
        PROMPT_CONTROL_CHARACTER,
        /** The user had as many active jobs as the cap allows. */
        TOO_MANY_ACTIVE,
        /** The user (or the address) ran out of job creations for now. */
        RATE_LIMITED
    }

    /** A job was created. */
    default void jobCreated() {}

    /** A job was refused, for {@code reason}. */
    default void jobRejected(Rejection reason) {}

    /** A failed job was queued again by its owner. */
    default void jobRetried() {}

    /** {@code job} reached a terminal status: completed, failed or cancelled. */
    default void jobFinished(GenerationJob job) {}

    /** A job spent {@code took} in {@code phase}, in one attempt. */
    default void phaseFinished(JobPhase phase, Duration took) {}

    /**
     * The pipeline made one LLM call at {@code stage}, which took {@code latency} including the adapter's own
     * retries, and failed with {@code failure} if present.
     */
    default void llmCalled(Stage stage, Optional<ErrorCode> failure, Duration latency) {}

    /** The pipeline will retry a failed LLM call at {@code stage}. */
    default void llmRetried(Stage stage) {}

    /** An adapter reported {@code call}, made at {@code stage}: its tokens, and the retries it made itself. */
    default void llmReported(Stage stage, LlmCall call) {}

    /** An answer was recorded, right or wrong. */
    default void reviewRecorded(boolean correct) {}

    /** A worker finished with {@code batch} of {@code migration}: completed, to retry, or failed for good. */
    default void migrationBatch(String migration, MigrationBatch batch) {}

    /**
     * Called once when Recollect is built, with the queue's figures, for metrics that show them as gauges; read
     * them lazily, when the metrics system asks, never on the caller's thread.
     */
    default void observeQueue(JobReports reports, Clock clock) {}
}
