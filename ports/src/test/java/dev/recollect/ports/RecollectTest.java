package dev.recollect.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.ports.in.CheckHealth;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.GetJobDetails;
import dev.recollect.ports.in.GetJobStats;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.metrics.MicrometerMetrics;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.ScriptedLlm;
import dev.recollect.ports.testing.SequentialIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedding entry point: what it requires, what it wires, and that the settings given reach the use cases. */
class RecollectTest {
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final InMemoryStores stores = new InMemoryStores();
    private final ScriptedLlm llm = new ScriptedLlm();

    private Recollect.Builder builder() {
        return Recollect.builder()
                .persistence(stores)
                .models(llm)
                .clock(clock)
                .ids(new SequentialIds())
                .sleeper(new RecordingSleeper(clock))
                .seed(7);
    }

    private GenerationJob create(Recollect recollect, String user, String prompt) {
        CreateJob.Result result = recollect.createJob().create(new CreateJob.Command(user, prompt, null));
        return result.fold(
                CreateJob.Result.Created::job,
                invalid -> {
                    throw new AssertionError(invalid.message());
                },
                tooMany -> {
                    throw new AssertionError(tooMany.message());
                },
                limited -> {
                    throw new AssertionError(limited.message());
                });
    }

    @Test
    void aServiceCreatesAJobRunsAWorkerUntilIdleAndAnswersAReview() {
        Recollect recollect = builder().build();
        GenerationJob job = create(recollect, "learner", "Photosynthesis");
        List<ProcessJob.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

        try (Worker worker = recollect.worker(Worker.Settings.defaults("worker-1"), outcomes::add)) {
            assertThat(worker.runUntilIdle()).isEqualTo(1);
            assertThat(worker.running()).isEmpty();
        }

        GetJob.Query query = new GetJob.Query("learner", job.id().toString());
        GetJobDetails.JobDetails details =
                recollect.getJobDetails().details(query).orElseThrow();
        assertThat(details.job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(details.job().createdAt()).as("the clock given").isEqualTo(Fixtures.T0);
        assertThat(outcomes).singleElement().isInstanceOf(ProcessJob.Outcome.Finished.class);
        assertThat(details.concepts())
                .extracting(c -> c.concept().title())
                .containsExactly("Photosynthesis basics", "Photosynthesis history", "Photosynthesis uses");
        assertThat(details.concepts()).allSatisfy(c -> assertThat(c.phrasings()).isNotEmpty());
        assertThat(details.usage()).extracting(u -> u.model()).containsExactly(ScriptedLlm.MODEL);
        assertThat(recollect
                        .getJobDetails()
                        .details(new GetJob.Query("intruder", job.id().toString())))
                .isEmpty();

        var next = (GetNextReview.Result.Next) recollect.getNextReview().next(new GetNextReview.Query("learner"));
        RecordInteraction.Result answered = recollect
                .recordInteraction()
                .record(new RecordInteraction.Command(
                        "learner",
                        next.concept().id().toString(),
                        next.phrasing().id().toString(),
                        "1",
                        null,
                        1200,
                        null));
        var recorded = (RecordInteraction.Result.Recorded) answered;
        assertThat(recorded.answer()).isEqualTo("True");
        assertThat(recorded.correct()).isTrue();
        assertThat(recollect
                        .getStats()
                        .stats(new dev.recollect.ports.in.GetStats.Query("learner"))
                        .counters()
                        .totalCards())
                .isEqualTo(3);
    }

    @Test
    void theJobPolicyAndRateLimitGivenAreTheOnesEnforced() {
        Recollect recollect = builder()
                .jobPolicy(JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1).build())
                .rateLimit(new RateLimitRule("test", 2, Duration.ofHours(1), "easy"))
                .build();
        create(recollect, "a", "Tides");

        CreateJob.Result second = recollect.createJob().create(new CreateJob.Command("a", "Waves", null));
        assertThat(second).isInstanceOf(CreateJob.Result.TooManyActiveJobs.class);
        create(recollect, "b", "Waves");
        CreateJob.Result third = recollect.createJob().create(new CreateJob.Command("c", "Tides", "10.0.0.1"));
        assertThat(third).isInstanceOf(CreateJob.Result.Created.class);
        CreateJob.Result fourth = recollect.createJob().create(new CreateJob.Command("d", "Tides", "10.0.0.1"));
        CreateJob.Result fifth = recollect.createJob().create(new CreateJob.Command("e", "Tides", "10.0.0.1"));
        assertThat(fourth).isInstanceOf(CreateJob.Result.Created.class);
        assertThat(fifth).isEqualTo(new CreateJob.Result.RateLimited(3600, "easy"));
    }

    @Test
    void theFsrsParametersGivenScheduleTheReviews() {
        Parameters shortSteps = Parameters.builder()
                .learningSteps(List.of(Duration.ofMinutes(3)))
                .build();
        Recollect recollect = builder().fsrs(shortSteps).build();
        GenerationJob job = create(recollect, "learner", "Tides");
        recollect.processJob().process(job.id());
        var next = (GetNextReview.Result.Next) recollect.getNextReview().next(new GetNextReview.Query("learner"));

        var recorded = (RecordInteraction.Result.Recorded) recollect
                .recordInteraction()
                .record(new RecordInteraction.Command(
                        "learner",
                        next.concept().id().toString(),
                        next.phrasing().id().toString(),
                        "2",
                        null,
                        null,
                        null));

        assertThat(recorded.correct()).isFalse();
        assertThat(recorded.nextReview()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(3)));
    }

    @Test
    void aStartedWorkerRunsInTheBackgroundUntilClosedAndStartsOnlyOnce() throws Exception {
        Recollect recollect = builder().housekeepingEvery(Duration.ZERO).build();
        GenerationJob job = create(recollect, "learner", "Glaciers");
        CountDownLatch idle = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Waiting for work is where the worker rests once the queue is empty; it rests until closing wakes it.
        stores.signals().onWait(() -> {
            idle.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Worker worker = recollect.worker(Worker.Settings.defaults("background"));

        worker.start();

        assertThat(idle.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(stores.jobs().find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThatIllegalStateException().isThrownBy(worker::start).withMessageContaining("running already");
        assertThatIllegalStateException().isThrownBy(worker::runUntilIdle).withMessageContaining("running already");
        worker.close();
        closed.countDown();
        worker.close();
        assertThatIllegalStateException().isThrownBy(worker::start).withMessageContaining("closed");
        assertThat(stores.signals().listeners())
                .as("the cancellation listener is gone")
                .isZero();
    }

    @Test
    void theFiguresTheHealthAndTheMigrationsAreWired() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Recollect recollect = builder().metrics(new MicrometerMetrics(registry)).build();
        create(recollect, "learner", "Tides");

        GetJobStats.Report report = recollect.getJobStats().stats(new GetJobStats.Query(Duration.ofDays(1)));
        CheckHealth.Health health = recollect.checkHealth().check(new CheckHealth.Query(true));

        assertThat(report.since()).isEqualTo(Fixtures.T0.minus(Duration.ofDays(1)));
        assertThat(report.jobs().byStatus()).containsEntry(JobStatus.PENDING, 1);
        assertThat(report.workers().pending()).isEqualTo(1);
        assertThat(health.ok()).isTrue();
        assertThat(health.checks())
                .extracting(CheckHealth.Check::name)
                .containsExactly("database", "schema", "stuck-jobs", "workers", "model");
        assertThat(registry.get("recollect.jobs.queue.depth").gauge().value()).isEqualTo(1);
        assertThat(registry.get("recollect.jobs.created").counter().count()).isEqualTo(1);
        assertThat(recollect.runMigrations().available())
                .extracting(DocumentMigration::name)
                .containsAll(BuiltInMigrations.all().stream()
                        .map(DocumentMigration::name)
                        .toList());
        assertThat(recollect.modelDescription()).contains("scripted model " + ScriptedLlm.MODEL);
    }

    @Test
    void onlyThePersistenceIsRequired_generationNeedsTheModels() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Recollect.builder().build())
                .withMessageContaining("needs a persistence");
        Recollect reviewsOnly = Recollect.builder().persistence(stores).build();

        assertThat(reviewsOnly.modelDescription()).isEmpty();
        assertThat(reviewsOnly.getNextReview().next(new GetNextReview.Query("nobody")))
                .isInstanceOf(GetNextReview.Result.NothingDue.class);
        assertThatIllegalStateException()
                .isThrownBy(reviewsOnly::processJob)
                .withMessageContaining("no language models");
        assertThatIllegalStateException()
                .isThrownBy(() -> reviewsOnly.worker(Worker.Settings.defaults("w")))
                .withMessageContaining("no language models");
        assertThat(reviewsOnly.checkHealth().check(new CheckHealth.Query(true)).checks())
                .filteredOn(check -> check.name().equals("model"))
                .singleElement()
                .isEqualTo(new CheckHealth.Check("model", CheckHealth.Status.FAIL, "no model is configured"));
    }

    @Test
    void badSettingsAreRefusedWhenGiven() {
        Recollect.Builder builder = Recollect.builder();
        assertThatNullPointerException().isThrownBy(() -> builder.persistence(null));
        assertThatNullPointerException().isThrownBy(() -> builder.clock(null));
        assertThatNullPointerException().isThrownBy(() -> builder.fsrs(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.housekeepingEvery(Duration.ofSeconds(-1)))
                .withMessageContaining("housekeeping");
        DocumentMigration first = BuiltInMigrations.all().get(0);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.migrations(List.of(first, first)))
                .withMessageContaining("share a name");
    }
}
