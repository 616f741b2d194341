package dev.recollect.ports.out;

import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.CleanupCounts;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.job.JobTransition;
import dev.recollect.domain.paging.Page;
import dev.recollect.domain.paging.PageRequest;
import dev.recollect.domain.usage.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Generation jobs. Every method is atomic; {@link #createIfAllowed} and {@link #transition} serialise per job. */
public interface JobStore {
    /**
     * Inserts {@code job} only if {@code policy} {@linkplain JobPolicy#allowsAnother allows another} active job to
     * its user and {@code limit} allows one more request for the user (and the job's IP, when it has one); records the
     * request against the limit when it does. The store counts and locks, the policy decides; the check and the insert
     * are one atomic step under the user's lock, so concurrent calls for one user can never exceed the cap.
     */
    Admission createIfAllowed(GenerationJob job, JobPolicy policy, RateLimitRule limit, Instant now);

    /**
     * Applies {@code retry} (failed to pending) to job {@code id} of {@code owner}, only if {@code policy} allows
     * the owner another active job and {@code limit} allows one more request for the owner (and {@code ip}, when
     * given): the same checks under the same lock as {@link #createIfAllowed}, so a retry and a creation racing for
     * the last place cannot both win. A refused transition is answered before the cap and the limit, and consumes
     * neither.
     *
     * @param ip where the request came from, or {@code null}
     */
    RetryAdmission retryIfAllowed(
            JobId id,
            UserId owner,
            String ip,
            Function<GenerationJob, JobTransition> retry,
            JobPolicy policy,
            RateLimitRule limit,
            Instant now);

    /** The job with {@code id}, whoever owns it. */
    Optional<GenerationJob> find(JobId id);

    /** A user's jobs, newest first by creation time (ties broken by id). */
    default Page<GenerationJob> listRecent(UserId userId, PageRequest page) {
        return listRecent(userId, EnumSet.allOf(JobStatus.class), page);
    }

    /** A user's jobs in one of {@code statuses}, newest first by creation time (ties broken by id). */
    Page<GenerationJob> listRecent(UserId userId, Set<JobStatus> statuses, PageRequest page);

    /**
     * Applies {@code change} to the current version of the job and saves the result if it was applied; a refused
     * change saves nothing. The read and the write are atomic for that job.
     *
     * @return the transition, or empty when there is no such job
     */
    Optional<JobTransition> transition(JobId id, Function<GenerationJob, JobTransition> change);

    /**
     * {@link #transition} for many jobs in one atomic step: each existing job gets {@code change}, the applied
     * changes are saved together, and missing ids are skipped.
     *
     * @return the transitions, in the order of {@code ids} (missing jobs left out)
     */
    List<JobTransition> transitionAll(List<JobId> ids, Function<GenerationJob, JobTransition> change);

    /**
     * Deletes the terminal jobs past their retention at {@code now}, in bounded batches, so that a backlog never holds
     * one long transaction; returns what it deleted.
     */
    CleanupCounts deleteExpired(JobPolicy policy, Instant now);

    /**
     * Forgets the admissions that {@link #createIfAllowed} and {@link #retryIfAllowed} recorded for the rate limit
     * before {@code before}, in bounded batches; returns how many. Call it with the start of the longest window in use.
     */
    int deleteAdmissionsBefore(Instant before);

    /** How many pending or processing jobs {@code userId} has. */
    int countActive(UserId userId);

    /**
     * Claims up to {@code max} jobs for {@code workerId}: first processing jobs whose lease expired before
     * {@code now} (their worker died) or was released, in the order their leases ran out (a released one first), then
     * pending jobs, oldest first; ties go to the older job, then to the id in PostgreSQL's order. Each claimed job is started (its attempt
     * counted, which fences off its previous worker) and leased to the worker until {@code now + lease}. Concurrent
     * claims never return the same job.
     */
    List<GenerationJob> claim(int max, String workerId, Duration lease, Instant now);

    /**
     * Extends the lease of a job the worker still holds at {@code attempt}.
     *
     * @return whether the worker still holds it; {@code false} once the job finished or another worker took it
     */
    boolean renewLease(JobId id, int attempt, String workerId, Instant until);

    /** Ends the worker's lease on a job it holds at {@code attempt}, so that another worker can claim it at once. */
    void releaseLease(JobId id, int attempt, String workerId);

    /**
     * Adds {@code usage} to what job {@code id} has used on {@code model}, atomically. Not fenced by the attempt:
     * tokens that a superseded attempt spent were spent all the same. Does nothing when the job is gone.
     */
    void recordUsage(JobId id, String model, TokenUsage usage);

    /** What {@link #createIfAllowed} decided. */
    sealed interface Admission permits Admission.Created, Refusal {
        /**
         * The value of the function for this decision; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param created for {@link Created}
         * @param tooManyActive for {@link TooManyActive}
         * @param rateLimited for {@link RateLimited}
         */
        <R> R fold(
                Function<Created, R> created,
                Function<TooManyActive, R> tooManyActive,
                Function<RateLimited, R> rateLimited);

        /**
         * The job was stored.
         *
         * @param job the stored job
         */
        record Created(GenerationJob job) implements Admission {
            @Override
            public <R> R fold(
                    Function<Created, R> created,
                    Function<TooManyActive, R> tooManyActive,
                    Function<RateLimited, R> rateLimited) {
                return created.apply(this);
            }
        }

        /**
         * The user has too many active jobs.
         *
         * @param active how many the user has
         * @param maximum the cap
         */
        record TooManyActive(int active, int maximum) implements Refusal {
            @Override
            public <R> R fold(
                    Function<RetryAdmission.Retried, R> retried,
                    Function<RetryAdmission.Missing, R> missing,
                    Function<RetryAdmission.Refused, R> refused,
                    Function<Admission.TooManyActive, R> tooManyActive,
                    Function<Admission.RateLimited, R> rateLimited) {
                return tooManyActive.apply(this);
            }

            @Override
            public <R> R fold(
                    Function<Created, R> created,
                    Function<TooManyActive, R> tooManyActive,
                    Function<RateLimited, R> rateLimited) {
                return tooManyActive.apply(this);
            }
        }

        /**
         * The rate limit is reached.
         *
         * @param retryAfterSeconds when the next request will be allowed, in whole seconds (rounded up)
         */
        record RateLimited(long retryAfterSeconds) implements Refusal {
            @Override
            public <R> R fold(
                    Function<RetryAdmission.Retried, R> retried,
                    Function<RetryAdmission.Missing, R> missing,
                    Function<RetryAdmission.Refused, R> refused,
                    Function<Admission.TooManyActive, R> tooManyActive,
                    Function<Admission.RateLimited, R> rateLimited) {
                return rateLimited.apply(this);
            }

            @Override
            public <R> R fold(
                    Function<Created, R> created,
                    Function<TooManyActive, R> tooManyActive,
                    Function<RateLimited, R> rateLimited) {
                return rateLimited.apply(this);
            }
        }
    }

    /** The cap or the rate limit said no: the same answers to a creation and to a retry. */
    sealed interface Refusal extends Admission, RetryAdmission permits Admission.TooManyActive, Admission.RateLimited {}

    /** What {@link #retryIfAllowed} decided: the cap and the limit as for a creation, or an answer about the job. */
    sealed interface RetryAdmission
            permits RetryAdmission.Retried, RetryAdmission.Missing, RetryAdmission.Refused, Refusal {
        /**
         * The value of the function for this decision; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param retried for {@link Retried}
         * @param missing for {@link Missing}
         * @param refused for {@link Refused}
         * @param tooManyActive for {@link Refusal.TooManyActive}
         * @param rateLimited for {@link Refusal.RateLimited}
         */
        <R> R fold(
                Function<RetryAdmission.Retried, R> retried,
                Function<RetryAdmission.Missing, R> missing,
                Function<RetryAdmission.Refused, R> refused,
                Function<Admission.TooManyActive, R> tooManyActive,
                Function<Admission.RateLimited, R> rateLimited);

        /**
         * The job is pending again.
         *
         * @param job the job as saved
         */
        record Retried(GenerationJob job) implements RetryAdmission {
            @Override
            public <R> R fold(
                    Function<RetryAdmission.Retried, R> retried,
                    Function<RetryAdmission.Missing, R> missing,
                    Function<RetryAdmission.Refused, R> refused,
                    Function<Admission.TooManyActive, R> tooManyActive,
                    Function<Admission.RateLimited, R> rateLimited) {
                return retried.apply(this);
            }
        }

        /** There is no such job, or it is not the owner's: one answer for both, so ids reveal nothing. */
        record Missing() implements RetryAdmission {
            @Override
            public <R> R fold(
                    Function<RetryAdmission.Retried, R> retried,
                    Function<RetryAdmission.Missing, R> missing,
                    Function<RetryAdmission.Refused, R> refused,
                    Function<Admission.TooManyActive, R> tooManyActive,
                    Function<Admission.RateLimited, R> rateLimited) {
                return missing.apply(this);
            }
        }

        /**
         * The job refused the retry (not failed, or failed for good without force); nothing changed.
         *
         * @param refusal the job and the reason
         */
        record Refused(JobTransition.Refused refusal) implements RetryAdmission {
            @Override
            public <R> R fold(
                    Function<RetryAdmission.Retried, R> retried,
                    Function<RetryAdmission.Missing, R> missing,
                    Function<RetryAdmission.Refused, R> refused,
                    Function<Admission.TooManyActive, R> tooManyActive,
                    Function<Admission.RateLimited, R> rateLimited) {
                return refused.apply(this);
            }
        }
    }
}
