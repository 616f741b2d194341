package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import jakarta.validation.constraints.NotBlank;
import java.util.function.Function;

/** Cancels a pending or processing job, for its owner. */
public interface CancelJob {
    /** Cancels the job, or says why not. */
    Result cancel(Command command);

    /**
     * Which job, for whom.
     *
     * @param userId the asking learner
     * @param jobId the job's id, as text
     */
    record Command(@NotBlank String userId, @NotBlank String jobId) {}

    /** The outcome. */
    sealed interface Result {
        /**
         * The value of the function for this outcome; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param cancelled for {@link Cancelled}
         * @param notFound for {@link NotFound}
         * @param notCancellable for {@link NotCancellable}
         */
        <R> R fold(
                Function<Cancelled, R> cancelled,
                Function<NotFound, R> notFound,
                Function<NotCancellable, R> notCancellable);

        /**
         * Cancelled; what it generated is kept.
         *
         * @param job the cancelled job
         */
        record Cancelled(GenerationJob job) implements Result {
            @Override
            public <R> R fold(
                    Function<Cancelled, R> cancelled,
                    Function<NotFound, R> notFound,
                    Function<NotCancellable, R> notCancellable) {
                return cancelled.apply(this);
            }
        }

        /** No such job for this learner: {@code Job not found or access denied}. */
        record NotFound() implements Result {
            @Override
            public <R> R fold(
                    Function<Cancelled, R> cancelled,
                    Function<NotFound, R> notFound,
                    Function<NotCancellable, R> notCancellable) {
                return notFound.apply(this);
            }

            /** The reference's message. */
            public String message() {
                return "Job not found or access denied";
            }
        }

        /**
         * The job is already completed, failed or cancelled.
         *
         * @param job the job as it is
         */
        record NotCancellable(GenerationJob job) implements Result {
            @Override
            public <R> R fold(
                    Function<Cancelled, R> cancelled,
                    Function<NotFound, R> notFound,
                    Function<NotCancellable, R> notCancellable) {
                return notCancellable.apply(this);
            }

            /** The reference's message: {@code Cannot cancel job with status: <status>}. */
            public String message() {
                return "Cannot cancel job with status: " + job.status().wireName();
            }
        }
    }
}
