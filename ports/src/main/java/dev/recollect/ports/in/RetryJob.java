package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.function.Function;

/**
 * Queues a failed job again, for its owner: it resumes from what it saved, and counts toward the active cap and the
 * rate limit as a new job would.
 */
public interface RetryJob {
    /** Retries the job, or says why not. */
    Result retry(Command command);

    /**
     * Which job, for whom.
     *
     * @param userId the asking learner
     * @param jobId the job's id, as text
     * @param force whether to retry a job that failed for a reason a retry would not change
     * @param ipAddress where the request came from, if known; limited per IP as well as per user
     */
    record Command(
            @NotBlank @Size(max = 200) String userId,
            @NotBlank String jobId,
            boolean force,
            @IpLiteral String ipAddress) {}

    /** The outcome; {@link #fold} handles every one, so a new outcome breaks the build where it matters. */
    sealed interface Result {
        /**
         * The value of the function for this outcome.
         *
         * @param retried for {@link Retried}
         * @param notFound for {@link NotFound}
         * @param notRetryable for {@link NotRetryable}
         * @param tooMany for {@link TooManyActiveJobs}
         * @param limited for {@link RateLimited}
         */
        <R> R fold(
                Function<Retried, R> retried,
                Function<NotFound, R> notFound,
                Function<NotRetryable, R> notRetryable,
                Function<TooManyActiveJobs, R> tooMany,
                Function<RateLimited, R> limited);

        /**
         * Pending again; a worker resumes it from what it saved.
         *
         * @param job the job as queued
         */
        record Retried(GenerationJob job) implements Result {
            @Override
            public <R> R fold(
                    Function<Retried, R> retried,
                    Function<NotFound, R> notFound,
                    Function<NotRetryable, R> notRetryable,
                    Function<TooManyActiveJobs, R> tooMany,
                    Function<RateLimited, R> limited) {
                return retried.apply(this);
            }
        }

        /** No such job for this learner: the same answer as for a missing job. */
        record NotFound() implements Result {
            /** The reference's message. */
            public String message() {
                return "Job not found or access denied";
            }

            @Override
            public <R> R fold(
                    Function<Retried, R> retried,
                    Function<NotFound, R> notFound,
                    Function<NotRetryable, R> notRetryable,
                    Function<TooManyActiveJobs, R> tooMany,
                    Function<RateLimited, R> limited) {
                return notFound.apply(this);
            }
        }

        /**
         * The job cannot be retried: it did not fail, or it failed for good and the retry was not forced.
         *
         * @param job the job as it is
         * @param message why, for the learner
         */
        record NotRetryable(GenerationJob job, String message) implements Result {
            @Override
            public <R> R fold(
                    Function<Retried, R> retried,
                    Function<NotFound, R> notFound,
                    Function<NotRetryable, R> notRetryable,
                    Function<TooManyActiveJobs, R> tooMany,
                    Function<RateLimited, R> limited) {
                return notRetryable.apply(this);
            }
        }

        /**
         * The learner already has the most active jobs allowed.
         *
         * @param active how many they have
         * @param maximum the cap
         * @param message the message for the learner
         */
        record TooManyActiveJobs(int active, int maximum, String message) implements Result {
            @Override
            public <R> R fold(
                    Function<Retried, R> retried,
                    Function<NotFound, R> notFound,
                    Function<NotRetryable, R> notRetryable,
                    Function<TooManyActiveJobs, R> tooMany,
                    Function<RateLimited, R> limited) {
                return tooMany.apply(this);
            }
        }

        /**
         * Too many requests in the window.
         *
         * @param retryAfterSeconds when to try again
         * @param message the message for the learner
         */
        record RateLimited(long retryAfterSeconds, String message) implements Result {
            @Override
            public <R> R fold(
                    Function<Retried, R> retried,
                    Function<NotFound, R> notFound,
                    Function<NotRetryable, R> notRetryable,
                    Function<TooManyActiveJobs, R> tooMany,
                    Function<RateLimited, R> limited) {
                return limited.apply(this);
            }
        }
    }
}
