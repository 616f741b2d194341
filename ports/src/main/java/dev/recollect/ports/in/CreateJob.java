package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.function.Function;

/** Turns a prompt into a pending generation job, unless a policy says no. */
public interface CreateJob {
    /** Creates the job, or says why not. */
    Result create(Command command);

    /**
     * A learner's request.
     *
     * @param userId the learner
     * @param prompt what to study; trimmed and checked by the job policy
     * @param ipAddress where the request came from, if known; limited per IP as well as per user
     */
    record Command(@NotBlank @Size(max = 200) String userId, @NotNull String prompt, @IpLiteral String ipAddress) {}

    /** The outcome. */
    sealed interface Result {
        /**
         * The value of the function for this outcome; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param created for {@link Created}
         * @param invalidPrompt for {@link InvalidPrompt}
         * @param tooManyActiveJobs for {@link TooManyActiveJobs}
         * @param rateLimited for {@link RateLimited}
         */
        <R> R fold(
                Function<Created, R> created,
                Function<InvalidPrompt, R> invalidPrompt,
                Function<TooManyActiveJobs, R> tooManyActiveJobs,
                Function<RateLimited, R> rateLimited);

        /**
         * The job exists and waits for a worker.
         *
         * @param job the new job
         */
        record Created(GenerationJob job) implements Result {
            @Override
            public <R> R fold(
                    Function<Created, R> created,
                    Function<InvalidPrompt, R> invalidPrompt,
                    Function<TooManyActiveJobs, R> tooManyActiveJobs,
                    Function<RateLimited, R> rateLimited) {
                return created.apply(this);
            }
        }

        /**
         * The prompt breaks a rule.
         *
         * @param reason which rule
         * @param message the message for the learner
         */
        record InvalidPrompt(PromptProblem reason, String message) implements Result {
            @Override
            public <R> R fold(
                    Function<Created, R> created,
                    Function<InvalidPrompt, R> invalidPrompt,
                    Function<TooManyActiveJobs, R> tooManyActiveJobs,
                    Function<RateLimited, R> rateLimited) {
                return invalidPrompt.apply(this);
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
                    Function<Created, R> created,
                    Function<InvalidPrompt, R> invalidPrompt,
                    Function<TooManyActiveJobs, R> tooManyActiveJobs,
                    Function<RateLimited, R> rateLimited) {
                return tooManyActiveJobs.apply(this);
            }
        }

        /**
         * Too many requests in the last hour.
         *
         * @param retryAfterSeconds when to try again
         * @param message the message for the learner
         */
        record RateLimited(long retryAfterSeconds, String message) implements Result {
            @Override
            public <R> R fold(
                    Function<Created, R> created,
                    Function<InvalidPrompt, R> invalidPrompt,
                    Function<TooManyActiveJobs, R> tooManyActiveJobs,
                    Function<RateLimited, R> rateLimited) {
                return rateLimited.apply(this);
            }
        }
    }

    /** Which prompt rule was broken. */
    enum PromptProblem {
        /** Shorter than the minimum after trimming. */
        TOO_SHORT,
        /** Longer than the maximum after trimming. */
        TOO_LONG,
        /** Contains a control character other than newline or tab. */
        CONTROL_CHARACTER
    }
}
