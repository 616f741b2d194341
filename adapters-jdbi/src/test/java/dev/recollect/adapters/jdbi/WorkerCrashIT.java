package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.service.JobPipeline;
import dev.recollect.ports.service.JobWorker;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.ScriptedLlm;
import dev.recollect.ports.testing.ScriptedPipelines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A worker in another JVM is killed with SIGKILL in the middle of a job; once its lease expires, a worker here
 * takes the job over and completes it without duplicating a phrasing.
 */
@PostgresTest
class WorkerCrashIT {
    @Test
    void givenAWorkerKilledMidJob_thenAnotherCompletesItAfterTheLeaseWithoutDuplicates(TestDatabase database)
            throws Exception {
        JdbiPersistence persistence = JdbiPersistence.over(database.pooled());
        GenerationJob job = GenerationJob.create(
                new dev.recollect.domain.JobId(UUID.randomUUID()),
                new UserId("crash-test"),
                "Glaciers",
                null,
                Instant.now());
        persistence.jobs().createIfAllowed(job, JobPolicy.DEFAULT, RateLimitRule.QUESTION_GENERATION, Instant.now());

        Process doomed = ChildJvm.start(CrashingWorkerProbe.class, database.jdbcUrl(), database.user());
        ChildJvm.killAfter(doomed, "saved 2", "the doomed worker reached the middle of the job");

        GenerationJob halfway = persistence.jobs().find(job.id()).orElseThrow();
        assertThat(halfway.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(halfway.questionsSaved()).isEqualTo(2);
        // No sleeping: this worker's clock is simply past the dead worker's 2-second lease.
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofSeconds(5)));
        ScriptedLlm llm = new ScriptedLlm();
        JobPipeline pipeline = ScriptedPipelines.over(persistence, llm, clock, new RecordingSleeper(clock));
        try (JobWorker rescuer = new JobWorker(
                persistence.jobs(),
                pipeline,
                Worker.Settings.defaults("rescuer"),
                clock,
                JobSignals.polling(new RecordingSleeper(clock)),
                outcome -> {})) {
            assertThat(rescuer.runUntilIdle()).isEqualTo(1);
        }

        GenerationJob done = persistence.jobs().find(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.rescues())
                .as("the dead worker's loss is a rescue, not the job's error")
                .isEqualTo(1);
        assertThat(done.questionsSaved()).isEqualTo(12);
        List<Phrasing> phrasings = new ArrayList<>();
        done.conceptIds().forEach(c -> phrasings.addAll(persistence.phrasings().findByConcept(c)));
        Set<String> keys = new HashSet<>();
        phrasings.forEach(
                p -> assertThat(keys.add(p.conceptId() + "|" + p.questionKey())).isTrue());
        assertThat(phrasings).hasSize(12);
        assertThat(llm.prompts())
                .as("the concepts of the dead worker were reused")
                .isEmpty();
    }
}
