package dev.recollect.domain.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/** Any sequence of operations on a job keeps its invariants. */
class GenerationJobProperties {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final List<ConceptId> CONCEPTS = List.of(concept(1), concept(2), concept(3));

    enum Op {
        START,
        ENTER_SYNTHESIS,
        ENTER_CLARIFYING,
        ASSIGN,
        PROGRESS,
        COUNT_SAVED,
        FINISH_1,
        FINISH_2,
        FINISH_3,
        COMPLETE,
        FAIL,
        FAIL_FOR_GOOD,
        CANCEL,
        RESCUE,
        RETRY,
        FORCED_RETRY
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Arbitraries.of(Op.class).list().ofMaxSize(30);
    }

    @SeededProperty
    void onlyARetryLeavesAFailedJob_nothingLeavesTheOtherEnds_andCountersNeverDecrease(
            @ForAll("operations") List<Op> ops) {
        GenerationJob job = newJob();
        Instant now = T0;
        for (Op op : ops) {
            now = now.plusSeconds(7);
            JobTransition transition = apply(job, op, now);
            GenerationJob next = transition.job();
            boolean retry = op == Op.RETRY || op == Op.FORCED_RETRY;
            if (job.status().isTerminal()) {
                boolean mayLeave = job.status() == JobStatus.FAILED
                        && retry
                        && (op == Op.FORCED_RETRY || job.error().retryable());
                assertThat(transition.applied())
                        .as("%s on a %s job", op, job.status())
                        .isEqualTo(mayLeave);
                if (!mayLeave) {
                    assertThat(next).isEqualTo(job);
                }
            }
            if (!transition.applied()) {
                assertThat(next).isSameAs(job);
            }
            assertThat(next.questionsGenerated()).isGreaterThanOrEqualTo(job.questionsGenerated());
            assertThat(next.questionsSaved()).isGreaterThanOrEqualTo(job.questionsSaved());
            assertThat(next.phase()).isGreaterThanOrEqualTo(job.phase());
            assertThat(next.attempts()).as("the fence only grows").isGreaterThanOrEqualTo(job.attempts());
            assertThat(next.retries()).isGreaterThanOrEqualTo(job.retries());
            assertThat(next.rescues()).isLessThanOrEqualTo(next.attempts());
            if (!job.conceptIds().isEmpty()) {
                assertThat(next.conceptIds())
                        .as("what a job made is never forgotten")
                        .isEqualTo(job.conceptIds());
            }
            if (next.status().isTerminal()) {
                assertThat(next.completedAt()).isNotNull();
                assertThat(next.durationMs()).isEqualTo(next.elapsedMillis(next.completedAt()));
            }
            job = next;
        }
    }

    @SeededProperty
    void aRetryQueuesTheFailedJobAsNeverEnded_keepingItsWorkAndItsFence(@ForAll("operations") List<Op> ops) {
        GenerationJob job = newJob();
        for (Op op : ops) {
            job = apply(job, op, T0.plusSeconds(60)).job();
        }
        GenerationJob failed = job.status().isTerminal()
                ? job
                : job.fail(new JobError(ErrorCode.NETWORK, "down", true), T0).job();
        JobTransition retried = failed.retry(true);
        if (failed.status() != JobStatus.FAILED) {
            assertThat(retried).isEqualTo(new JobTransition.Refused(failed, JobTransition.Reason.NOT_FAILED));
            return;
        }
        GenerationJob pending = retried.job();
        assertThat(pending.status()).isEqualTo(JobStatus.PENDING);
        assertThat(pending.failure()).isEmpty();
        assertThat(pending.completedAt()).isNull();
        assertThat(pending.durationMs()).isNull();
        assertThat(pending.retries()).isEqualTo(failed.retries() + 1);
        assertThat(pending.rescues()).isZero();
        assertThat(pending.attempts()).isEqualTo(failed.attempts());
        assertThat(pending.conceptIds()).isEqualTo(failed.conceptIds());
        assertThat(pending.pendingConceptIds()).isEqualTo(failed.pendingConceptIds());
        assertThat(pending.questionsSaved()).isEqualTo(failed.questionsSaved());
        assertThat(pending.phase()).isEqualTo(failed.phase());
        assertThat(pending.startedAt()).isEqualTo(failed.startedAt());
    }

    @SeededProperty
    void aRescueIsANewAttemptOfAProcessingJob_countedApart(@ForAll("operations") List<Op> ops) {
        GenerationJob job = newJob();
        for (Op op : ops) {
            job = apply(job, op, T0.plusSeconds(60)).job();
        }
        JobTransition rescued = job.rescue(T0.plusSeconds(120));
        assertThat(rescued.applied()).isEqualTo(job.status() == JobStatus.PROCESSING);
        if (rescued.applied()) {
            assertThat(rescued.job().attempts()).isEqualTo(job.attempts() + 1);
            assertThat(rescued.job().rescues()).isEqualTo(job.rescues() + 1);
            assertThat(rescued.job()
                            .ifAttempt(job.attempts(), j -> j.addProgress(1, 1))
                            .applied())
                    .as("the lost worker's attempt is fenced off")
                    .isFalse();
        }
    }

    @SeededProperty
    void countingWhatWasSavedOnlyEverRaisesTheCounts(
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 50) int before,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 50) int saved) {
        GenerationJob job = newJob().start(T0).job().addProgress(before, before).job();
        GenerationJob counted = job.countSaved(saved).job();
        assertThat(counted.questionsSaved()).isEqualTo(Math.max(before, saved));
        assertThat(counted.questionsGenerated()).isGreaterThanOrEqualTo(counted.questionsSaved());
        assertThat(newJob().countSaved(saved).applied())
                .as("only a processing job counts")
                .isFalse();
    }

    @SeededProperty
    void aJobIsRescuedTooOftenOnlyPastThePolicysLimit(
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 30) int rescues,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 20) int limit) {
        GenerationJob job = newJob().start(T0).job();
        for (int i = 0; i < rescues; i++) {
            job = job.rescue(T0).job();
        }
        JobPolicy policy = JobPolicy.DEFAULT.toBuilder().maxRescues(limit).build();
        assertThat(job.rescuedTooOften(policy)).isEqualTo(rescues > limit);
    }

    @SeededProperty
    void aJobCompletesOnlyWhenEveryConceptIsDone(@ForAll("operations") List<Op> ops) {
        GenerationJob job = newJob();
        for (Op op : ops) {
            JobTransition transition = apply(job, op, T0.plusSeconds(60));
            if (op == Op.COMPLETE && transition.applied()) {
                assertThat(job.pendingConceptIds()).isEmpty();
                assertThat(job.status()).isEqualTo(JobStatus.PROCESSING);
                assertThat(transition.job().status()).isEqualTo(JobStatus.COMPLETED);
            }
            job = transition.job();
        }
    }

    static JobTransition apply(GenerationJob job, Op op, Instant now) {
        return switch (op) {
            case START -> job.start(now);
            case ENTER_SYNTHESIS -> job.enter(JobPhase.CONCEPT_SYNTHESIS);
            case ENTER_CLARIFYING -> job.enter(JobPhase.CLARIFYING);
            case ASSIGN -> job.assignConcepts(CONCEPTS, 4);
            case PROGRESS -> job.addProgress(2, 1);
            case COUNT_SAVED -> job.countSaved(2);
            case FINISH_1 -> job.finishConcept(CONCEPTS.get(0));
            case FINISH_2 -> job.finishConcept(CONCEPTS.get(1));
            case FINISH_3 -> job.finishConcept(CONCEPTS.get(2));
            case COMPLETE -> job.complete("topic", now);
            case FAIL -> job.fail(new JobError(ErrorCode.NETWORK, "down", true), now);
            case FAIL_FOR_GOOD -> job.fail(new JobError(ErrorCode.CONTENT_BLOCKED, "blocked", false), now);
            case CANCEL -> job.cancel(now);
            case RESCUE -> job.rescue(now);
            case RETRY -> job.retry(false);
            case FORCED_RETRY -> job.retry(true);
        };
    }

    static GenerationJob newJob() {
        return GenerationJob.create(
                new JobId(UUID.fromString("00000000-0000-0000-0000-000000000001")),
                new UserId("user-1"),
                "photosynthesis",
                null,
                T0);
    }

    static ConceptId concept(int n) {
        return new ConceptId(new UUID(0, n));
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
