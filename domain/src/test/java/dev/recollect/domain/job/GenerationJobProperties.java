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
        FINISH_1,
        FINISH_2,
        FINISH_3,
        COMPLETE,
        FAIL,
        CANCEL
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Arbitraries.of(Op.class).list().ofMaxSize(30);
    }

    @SeededProperty
    void nothingLeavesATerminalStateAndCountersNeverDecrease(@ForAll("operations") List<Op> ops) {
        GenerationJob job = newJob();
        Instant now = T0;
        for (Op op : ops) {
            now = now.plusSeconds(7);
            JobTransition transition = apply(job, op, now);
            GenerationJob next = transition.job();
            if (job.status().isTerminal()) {
                assertThat(transition.applied())
                        .as("%s on a %s job", op, job.status())
                        .isFalse();
                assertThat(next).isEqualTo(job);
            }
            if (!transition.applied()) {
                assertThat(next).isSameAs(job);
            }
            assertThat(next.questionsGenerated()).isGreaterThanOrEqualTo(job.questionsGenerated());
            assertThat(next.questionsSaved()).isGreaterThanOrEqualTo(job.questionsSaved());
            assertThat(next.phase()).isGreaterThanOrEqualTo(job.phase());
            assertThat(next.attempts()).isGreaterThanOrEqualTo(job.attempts());
            if (next.status().isTerminal()) {
                assertThat(next.completedAt()).isNotNull();
                assertThat(next.durationMs()).isEqualTo(next.elapsedMillis(next.completedAt()));
            }
            job = next;
        }
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
            case FINISH_1 -> job.finishConcept(CONCEPTS.get(0));
            case FINISH_2 -> job.finishConcept(CONCEPTS.get(1));
            case FINISH_3 -> job.finishConcept(CONCEPTS.get(2));
            case COMPLETE -> job.complete("topic", now);
            case FAIL -> job.fail(new JobError(ErrorCode.NETWORK, "down", true), now);
            case CANCEL -> job.cancel(now);
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
