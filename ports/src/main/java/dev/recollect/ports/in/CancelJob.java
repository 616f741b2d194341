package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import jakarta.validation.constraints.NotBlank;

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
         * Cancelled; what it generated is kept.
         *
         * @param job the cancelled job
         */
        record Cancelled(GenerationJob job) implements Result {}

        /** No such job for this learner: {@code Job not found or access denied}. */
        record NotFound() implements Result {
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
            /** The reference's message: {@code Cannot cancel job with status: <status>}. */
            public String message() {
                return "Cannot cancel job with status: " + job.status().wireName();
            }
        }
    }
}
