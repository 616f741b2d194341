package dev.recollect.domain.job;

import java.util.Objects;
import java.util.function.Function;

/** The result of asking a job to change: the changed job, or a refusal saying why not. Never thrown. */
public sealed interface JobTransition {
    /**
     * The value of the function for this transition; every variant has its own, so a new variant breaks
     * the build wherever one is handled.
     *
     * @param applied for {@link Applied}
     * @param refused for {@link Refused}
     */
    <R> R fold(Function<Applied, R> applied, Function<Refused, R> refused);

    /**
     * The change was made.
     *
     * @param job the job after the change
     */
    record Applied(GenerationJob job) implements JobTransition {
        @Override
        public <R> R fold(Function<Applied, R> applied, Function<Refused, R> refused) {
            return applied.apply(this);
        }

        /** The job is required. */
        public Applied {
            Objects.requireNonNull(job, "job");
        }
    }

    /**
     * The change was refused; the job is unchanged.
     *
     * @param job the unchanged job
     * @param reason why
     */
    record Refused(GenerationJob job, Reason reason) implements JobTransition {
        @Override
        public <R> R fold(Function<Applied, R> applied, Function<Refused, R> refused) {
            return refused.apply(this);
        }
    }

    /** Why a change was refused. */
    enum Reason {
        /** The job is completed, failed or cancelled, and nothing leaves those states. */
        ALREADY_TERMINAL,
        /** The job has not started processing. */
        NOT_STARTED,
        /** The concept is not among the job's pending concepts (it was done already). */
        CONCEPT_NOT_PENDING,
        /** The job still has pending concepts, so it cannot complete. */
        CONCEPTS_STILL_PENDING,
        /** Another worker started the job since (a newer attempt); the older worker's writes are fenced off. */
        SUPERSEDED,
        /** Only a failed job can be queued again. */
        NOT_FAILED,
        /** The job failed for a reason that running it again would not change; only a forced retry queues it. */
        NOT_RETRYABLE
    }

    /** The job after the attempt: changed when applied, as it was when refused. */
    GenerationJob job();

    /** Whether the change was made. */
    default boolean applied() {
        return this instanceof Applied;
    }
}
