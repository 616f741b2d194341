package dev.recollect.domain.job;

import static dev.recollect.domain.job.GenerationJobProperties.CONCEPTS;
import static dev.recollect.domain.job.GenerationJobProperties.T0;
import static dev.recollect.domain.job.GenerationJobProperties.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.job.JobTransition.Reason;
import dev.recollect.domain.job.JobTransition.Refused;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationJobTest {
    private static final JobError DOWN = new JobError(ErrorCode.NETWORK, "Network error.", true);

    @Test
    void aNewJobIsPendingAndClarifying() {
        GenerationJob job = newJob();
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.phase()).isEqualTo(JobPhase.CLARIFYING);
        assertThat(job.ip()).isEmpty();
        assertThat(job.failure()).isEmpty();
        assertThat(job.status().isActive()).isTrue();
    }

    @Test
    void startingCountsAttemptsAndKeepsTheFirstStartTime() {
        GenerationJob started = newJob().start(T0.plusSeconds(5)).job();
        GenerationJob resumed = started.start(T0.plusSeconds(50)).job();
        assertThat(started.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(started.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(resumed.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(resumed.attempts()).isEqualTo(2);
    }

    @Test
    void aJobNeverStartsBeforeItWasCreatedWhateverTheWorkersClockSays() {
        GenerationJob started = newJob().start(T0.minusSeconds(3)).job();
        assertThat(started.startedAt()).isEqualTo(T0);
    }

    @Test
    void aPendingJobRefusesWorkThatNeedsAWorker() {
        GenerationJob pending = newJob();
        for (JobTransition t : List.of(
                pending.enter(JobPhase.CONCEPT_SYNTHESIS),
                pending.assignConcepts(CONCEPTS, 4),
                pending.addProgress(1, 1),
                pending.finishConcept(CONCEPTS.get(0)),
                pending.complete("t", T0))) {
            assertThat(t).isEqualTo(new Refused(pending, Reason.NOT_STARTED));
        }
    }

    @Test
    void conceptsAreFinishedOnceEachThenTheJobCompletesWithItsDuration() {
        GenerationJob job = newJob().start(T0.plusSeconds(2))
                .job()
                .assignConcepts(CONCEPTS, 4)
                .job();
        assertThat(job.estimatedTotal()).isEqualTo(12);
        assertThat(job.phase()).isEqualTo(JobPhase.PHRASING_GENERATION);
        assertThat(job.complete("t", T0).applied()).isFalse();
        job = job.finishConcept(CONCEPTS.get(0)).job();
        assertThat(job.finishConcept(CONCEPTS.get(0))).isEqualTo(new Refused(job, Reason.CONCEPT_NOT_PENDING));
        job = job.finishConcept(CONCEPTS.get(1))
                .job()
                .finishConcept(CONCEPTS.get(2))
                .job();
        assertThat(job.phase()).isEqualTo(JobPhase.FINALIZING);
        GenerationJob done = job.complete("Photosynthesis", T0.plusSeconds(12)).job();
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.topic()).isEqualTo("Photosynthesis");
        assertThat(done.durationMs()).isEqualTo(10_000);
        assertThat(done.completedAt()).isEqualTo(T0.plusSeconds(12));
    }

    @Test
    void failureRecordsTheDurationFromCreationWhenTheJobNeverStarted() {
        GenerationJob failed = newJob().fail(DOWN, T0.plusMillis(1500)).job();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.durationMs()).isEqualTo(1500);
        assertThat(failed.failure()).contains(DOWN);
        assertThat(failed.cancel(T0.plusSeconds(9))).isEqualTo(new Refused(failed, Reason.ALREADY_TERMINAL));
        assertThat(failed.start(T0.plusSeconds(9)).applied()).isFalse();
    }

    @Test
    void progressOnACancelledJobIsRefusedAsAValue() {
        GenerationJob cancelled =
                newJob().start(T0).job().cancel(T0.plusSeconds(3)).job();
        assertThat(cancelled.addProgress(1, 1)).isEqualTo(new Refused(cancelled, Reason.ALREADY_TERMINAL));
        assertThat(cancelled.complete("t", T0)).isEqualTo(new Refused(cancelled, Reason.ALREADY_TERMINAL));
        assertThat(cancelled.fail(DOWN, T0)).isEqualTo(new Refused(cancelled, Reason.ALREADY_TERMINAL));
        assertThat(cancelled.durationMs()).isEqualTo(3000);
    }

    @Test
    void negativeProgressIsAMistake() {
        GenerationJob job = newJob().start(T0).job();
        assertThatThrownBy(() -> job.addProgress(-1, 0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> job.addProgress(0, -1)).isInstanceOf(DomainException.class);
    }

    @Test
    void aStoredJobMustBeConsistent() {
        assertThatThrownBy(() -> stored(JobStatus.FAILED, 0)).hasMessage("a failed job needs its error");
        assertThatThrownBy(() -> stored(JobStatus.COMPLETED, 0)).hasMessage("a completed job needs completedAt");
        assertThatThrownBy(() -> stored(JobStatus.PENDING, -1))
                .isInstanceOf(DomainException.class)
                .hasMessage("questionsGenerated, questionsSaved, attempts, rescues and retries must be >= 0");
        assertThat(stored(JobStatus.PENDING, 0).status()).isEqualTo(JobStatus.PENDING);
    }

    /** A job as a store might hand it back: no error, never completed. */
    private static GenerationJob stored(JobStatus status, int questionsGenerated) {
        GenerationJob job = newJob();
        return new GenerationJob(
                job.id(),
                job.userId(),
                "p",
                null,
                status,
                JobPhase.CLARIFYING,
                questionsGenerated,
                0,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                T0,
                null,
                null,
                0,
                0,
                0);
    }

    @Test
    void statusesAndPhasesHaveTheirWireNames() {
        assertThat(JobStatus.CANCELLED.wireName()).isEqualTo("cancelled");
        assertThat(JobPhase.PHRASING_GENERATION.wireName()).isEqualTo("phrasing_generation");
        assertThat(JobStatus.PROCESSING.isTerminal()).isFalse();
        assertThat(JobStatus.COMPLETED.isActive()).isFalse();
    }
}
