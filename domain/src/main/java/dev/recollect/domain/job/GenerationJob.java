package dev.recollect.domain.job;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.job.JobTransition.Applied;
import dev.recollect.domain.job.JobTransition.Reason;
import dev.recollect.domain.job.JobTransition.Refused;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A prompt on its way to concepts and phrasings. Immutable: every change returns a {@link JobTransition}, which is
 * either the changed job or a refusal. Nothing leaves a terminal state, and the counters never decrease.
 *
 * @param id the job's id
 * @param userId its owner
 * @param prompt the trimmed prompt
 * @param ipAddress where the request came from, if known; {@code null} otherwise
 * @param status where the job is
 * @param phase what a processing job is doing
 * @param questionsGenerated phrasings accepted by the filters
 * @param questionsSaved phrasings stored
 * @param estimatedTotal phrasings expected (concepts × target), once the concepts are known; {@code null} before
 * @param topic the topic of a completed job; {@code null} before
 * @param conceptIds the concepts this job created
 * @param pendingConceptIds the concepts still waiting for phrasings
 * @param durationMs time from start (or creation, if it never started) to completion, failure or cancellation
 * @param error why a failed job failed; {@code null} otherwise
 * @param createdAt when it was created
 * @param startedAt when a worker first started it; {@code null} before
 * @param completedAt when it reached a terminal state; {@code null} before
 * @param attempts how many times a worker has started it, over its whole life: the fence that keeps a worker that
 *     lost the job from writing to it, so it only ever grows
 * @param rescues how many of the starts since it was last queued took it over from a worker that was lost (its lease
 *     ran out, or was released by a worker shutting down); worker loss is not the job's error
 * @param retries how many times its owner has queued it again after it failed
 */
public record GenerationJob(
        JobId id,
        UserId userId,
        String prompt,
        String ipAddress,
        JobStatus status,
        JobPhase phase,
        int questionsGenerated,
        int questionsSaved,
        Integer estimatedTotal,
        String topic,
        List<ConceptId> conceptIds,
        List<ConceptId> pendingConceptIds,
        Long durationMs,
        JobError error,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        int attempts,
        int rescues,
        int retries) {

    /** Checks the invariants a stored job must satisfy. */
    public GenerationJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(createdAt, "createdAt");
        conceptIds = List.copyOf(conceptIds);
        pendingConceptIds = List.copyOf(pendingConceptIds);
        if (questionsGenerated < 0 || questionsSaved < 0 || attempts < 0 || rescues < 0 || retries < 0) {
            throw new DomainException("questionsGenerated, questionsSaved, attempts, rescues and retries must be >= 0");
        }
        if (rescues > attempts) {
            throw new DomainException("a job cannot be rescued more often than it was started");
        }
        if (status == JobStatus.FAILED && error == null) {
            throw new DomainException("a failed job needs its error");
        }
        if (status.isTerminal() && completedAt == null) {
            throw new DomainException("a " + status.wireName() + " job needs completedAt");
        }
    }

    /** A new pending job, in phase clarifying, with nothing generated. */
    public static GenerationJob create(JobId id, UserId userId, String prompt, String ipAddress, Instant now) {
        return new GenerationJob(
                id,
                userId,
                prompt,
                ipAddress,
                JobStatus.PENDING,
                JobPhase.CLARIFYING,
                0,
                0,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                now,
                null,
                null,
                0,
                0,
                0);
    }

    /** The IP address, if known. */
    public Optional<String> ip() {
        return Optional.ofNullable(ipAddress);
    }

    /** The error of a failed job. */
    public Optional<JobError> failure() {
        return Optional.ofNullable(error);
    }

    /**
     * A worker starts (or, after a crash, resumes) the job: pending or processing becomes processing, the attempt
     * is counted, and {@code startedAt} is set the first time.
     */
    public JobTransition start(Instant now) {
        if (status.isTerminal()) {
            return refuse(Reason.ALREADY_TERMINAL);
        }
        // Workers on other machines read other clocks: a job never starts before it was created.
        Instant start = now.isBefore(createdAt) ? createdAt : now;
        return apply(builder()
                .status(JobStatus.PROCESSING)
                .startedAt(startedAt == null ? start : startedAt)
                .attempts(attempts + 1));
    }

    /**
     * A worker takes over a processing job whose worker was lost (its lease ran out, or was released when that worker
     * shut down): a new attempt, which fences off the lost worker, counted as a rescue rather than as the job's
     * error.
     */
    public JobTransition rescue(Instant now) {
        if (status != JobStatus.PROCESSING) {
            return refuse(status.isTerminal() ? Reason.ALREADY_TERMINAL : Reason.NOT_STARTED);
        }
        return apply(builder().attempts(attempts + 1).rescues(rescues + 1));
    }

    /**
     * Its owner queues a failed job again: failed becomes pending, its error and end are cleared, the retry is
     * counted and its rescues start again from zero. What it saved stays, and the next worker resumes from it.
     * Only failed jobs can be retried, and only when the failure is retryable unless {@code force}.
     */
    public JobTransition retry(boolean force) {
        if (status != JobStatus.FAILED) {
            return refuse(Reason.NOT_FAILED);
        }
        if (!force && !error.retryable()) {
            return refuse(Reason.NOT_RETRYABLE);
        }
        return apply(builder().reopen().rescues(0).retries(retries + 1));
    }

    /** Whether its workers were lost more often than {@code policy} allows: the job may be what kills them. */
    public boolean rescuedTooOften(JobPolicy policy) {
        return rescues > policy.maxRescues();
    }

    /**
     * Why a job whose workers were lost too often fails: {@code UNKNOWN} (the closed set of codes has none for worker
     * loss, and the cause is unknown by definition), not retryable, so that only a forced retry runs it again once
     * the workers are known to be healthy.
     */
    public JobError lostWorkersError(JobPolicy policy) {
        return new JobError(
                ErrorCode.UNKNOWN,
                "Its worker was lost " + rescues + " times (the limit is " + policy.maxRescues()
                        + "): the job may be what stops them. Once the workers are healthy, force a retry to run it"
                        + " again.",
                false);
    }

    /**
     * Applies {@code change} only if the job is still on {@code attempt}: the fence that keeps a worker that lost the
     * job (a zombie) from writing to it.
     */
    public JobTransition ifAttempt(int attempt, java.util.function.Function<GenerationJob, JobTransition> change) {
        return attempts == attempt ? change.apply(this) : refuse(Reason.SUPERSEDED);
    }

    /** Moves a processing job to {@code next}; phases never go backwards, so an earlier phase changes nothing. */
    public JobTransition enter(JobPhase next) {
        Optional<Refused> refusal = requireProcessing();
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return apply(builder().phase(next.compareTo(phase) > 0 ? next : phase));
    }

    /**
     * Records the concepts this job created; all of them wait for phrasings, and the phase becomes
     * phrasing_generation.
     */
    public JobTransition assignConcepts(List<ConceptId> concepts, int phrasingsPerConcept) {
        Optional<Refused> refusal = requireProcessing();
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return apply(builder()
                .conceptIds(concepts)
                .pendingConceptIds(concepts)
                .estimatedTotal(concepts.size() * phrasingsPerConcept)
                .phase(JobPhase.PHRASING_GENERATION));
    }

    /** Adds phrasings accepted and saved; counters only grow. */
    public JobTransition addProgress(int accepted, int saved) {
        if (accepted < 0 || saved < 0) {
            throw new DomainException("progress must be >= 0, got accepted " + accepted + " and saved " + saved);
        }
        Optional<Refused> refusal = requireProcessing();
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return apply(
                builder().questionsGenerated(questionsGenerated + accepted).questionsSaved(questionsSaved + saved));
    }

    /**
     * Brings the count of phrasings saved up to {@code saved}, what the store holds for the job's concepts: a save
     * whose progress was lost (the store went away between the two) is counted once the job knows. Counters only
     * grow, so a smaller count changes nothing.
     */
    public JobTransition countSaved(int saved) {
        if (saved < 0) {
            throw new DomainException("saved must be >= 0, got " + saved);
        }
        Optional<Refused> refusal = requireProcessing();
        if (refusal.isPresent()) {
            return refusal.get();
        }
        int counted = Math.max(questionsSaved, saved);
        return apply(builder().questionsSaved(counted).questionsGenerated(Math.max(questionsGenerated, counted)));
    }

    /**
     * Marks a pending concept done (with phrasings, or skipped because it vanished); once none is pending, the phase
     * becomes finalizing.
     */
    public JobTransition finishConcept(ConceptId concept) {
        Optional<Refused> refusal = requireProcessing();
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (!pendingConceptIds.contains(concept)) {
            return refuse(Reason.CONCEPT_NOT_PENDING);
        }
        List<ConceptId> pending = new ArrayList<>(pendingConceptIds);
        pending.remove(concept);
        return apply(builder()
                .pendingConceptIds(pending)
                .phase(pending.isEmpty() ? JobPhase.FINALIZING : JobPhase.PHRASING_GENERATION));
    }

    /** Completes a processing job whose concepts are all done, with its topic and duration. */
    public JobTransition complete(String completedTopic, Instant now) {
        Optional<Refused> refusal = requireProcessing();
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (!pendingConceptIds.isEmpty()) {
            return refuse(Reason.CONCEPTS_STILL_PENDING);
        }
        return apply(finish(JobStatus.COMPLETED, now).topic(completedTopic).phase(JobPhase.FINALIZING));
    }

    /** Fails a pending or processing job with {@code failure}, recording its duration. */
    public JobTransition fail(JobError failure, Instant now) {
        Objects.requireNonNull(failure, "failure");
        if (status.isTerminal()) {
            return refuse(Reason.ALREADY_TERMINAL);
        }
        return apply(finish(JobStatus.FAILED, now).error(failure));
    }

    /** Cancels a pending or processing job; what it generated so far is kept. */
    public JobTransition cancel(Instant now) {
        if (status.isTerminal()) {
            return refuse(Reason.ALREADY_TERMINAL);
        }
        return apply(finish(JobStatus.CANCELLED, now));
    }

    /** Milliseconds from start, or from creation if the job never started, to {@code now}; never negative. */
    public long elapsedMillis(Instant now) {
        Instant from = startedAt == null ? createdAt : startedAt;
        return Math.max(0, Duration.between(from, now).toMillis());
    }

    private Builder finish(JobStatus terminal, Instant now) {
        return builder().status(terminal).completedAt(now).durationMs(elapsedMillis(now));
    }

    private Optional<Refused> requireProcessing() {
        if (status.isTerminal()) {
            return Optional.of(refuse(Reason.ALREADY_TERMINAL));
        }
        if (status == JobStatus.PENDING) {
            return Optional.of(refuse(Reason.NOT_STARTED));
        }
        return Optional.empty();
    }

    private Refused refuse(Reason reason) {
        return new Refused(this, reason);
    }

    private static Applied apply(Builder builder) {
        return new Applied(builder.build());
    }

    private Builder builder() {
        return new Builder(this);
    }

    /**
     * A copy of this job to change by hand, for what no operation does: a store reading a row, a test scripting a
     * version. The operations above are the way to change a job; the copy is checked by the same invariants.
     */
    public Builder toBuilder() {
        return builder();
    }

    /**
     * A mutable copy of a job: the transitions use it so that each names just the fields it changes. The id, owner,
     * prompt, address and creation time are the original's.
     */
    public static final class Builder {
        private final GenerationJob from;
        private JobStatus status;
        private JobPhase phase;
        private int questionsGenerated;
        private int questionsSaved;
        private Integer estimatedTotal;
        private String topic;
        private List<ConceptId> conceptIds;
        private List<ConceptId> pendingConceptIds;
        private Long durationMs;
        private JobError error;
        private Instant startedAt;
        private Instant completedAt;
        private int attempts;
        private int rescues;
        private int retries;

        Builder(GenerationJob job) {
            from = job;
            status = job.status;
            phase = job.phase;
            questionsGenerated = job.questionsGenerated;
            questionsSaved = job.questionsSaved;
            estimatedTotal = job.estimatedTotal;
            topic = job.topic;
            conceptIds = job.conceptIds;
            pendingConceptIds = job.pendingConceptIds;
            durationMs = job.durationMs;
            error = job.error;
            startedAt = job.startedAt;
            completedAt = job.completedAt;
            attempts = job.attempts;
            rescues = job.rescues;
            retries = job.retries;
        }

        /** Sets the status. */
        public Builder status(JobStatus value) {
            status = value;
            return this;
        }

        /** Sets the phase. */
        public Builder phase(JobPhase value) {
            phase = value;
            return this;
        }

        /** Sets how many phrasings were generated. */
        public Builder questionsGenerated(int value) {
            questionsGenerated = value;
            return this;
        }

        /** Sets how many phrasings were saved. */
        public Builder questionsSaved(int value) {
            questionsSaved = value;
            return this;
        }

        /** Sets the estimated total ({@code null} for none). */
        public Builder estimatedTotal(Integer value) {
            estimatedTotal = value;
            return this;
        }

        /** Sets the topic. */
        public Builder topic(String value) {
            topic = value;
            return this;
        }

        /** Sets the job's concepts. */
        public Builder conceptIds(List<ConceptId> value) {
            conceptIds = value;
            return this;
        }

        /** Sets the concepts still pending. */
        public Builder pendingConceptIds(List<ConceptId> value) {
            pendingConceptIds = value;
            return this;
        }

        /** Sets the duration ({@code null} for none). */
        public Builder durationMs(Long value) {
            durationMs = value;
            return this;
        }

        /** Sets the error ({@code null} for none). */
        public Builder error(JobError value) {
            error = value;
            return this;
        }

        /** Sets when the job started. */
        public Builder startedAt(Instant value) {
            startedAt = value;
            return this;
        }

        /** Sets when the job ended. */
        public Builder completedAt(Instant value) {
            completedAt = value;
            return this;
        }

        /** Sets the attempts. */
        public Builder attempts(int value) {
            attempts = value;
            return this;
        }

        /** Back to pending, as a job that never ended: no error, no end, no duration. */
        Builder reopen() {
            status = JobStatus.PENDING;
            error = null;
            completedAt = null;
            durationMs = null;
            return this;
        }

        /** Sets the rescues. */
        public Builder rescues(int value) {
            rescues = value;
            return this;
        }

        /** Sets the retries. */
        public Builder retries(int value) {
            retries = value;
            return this;
        }

        /** The job, checked by its invariants. */
        public GenerationJob build() {
            return new GenerationJob(
                    from.id,
                    from.userId,
                    from.prompt,
                    from.ipAddress,
                    status,
                    phase,
                    questionsGenerated,
                    questionsSaved,
                    estimatedTotal,
                    topic,
                    conceptIds,
                    pendingConceptIds,
                    durationMs,
                    error,
                    from.createdAt,
                    startedAt,
                    completedAt,
                    attempts,
                    rescues,
                    retries);
        }
    }
}
