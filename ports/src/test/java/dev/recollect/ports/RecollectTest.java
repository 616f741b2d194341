package dev.recollect.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.Revlog;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.domain.review.LearnerParameters;
import dev.recollect.domain.review.PastReview;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.ChangeLifecycle;
import dev.recollect.ports.in.CheckHealth;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.FitLearnerParameters;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.GetJobDetails;
import dev.recollect.ports.in.GetJobStats;
import dev.recollect.ports.in.GetLearnerParameters;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.ImportDocuments;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.ListRecentJobs;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.in.ReconcileStats;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.in.ResetLearnerParameters;
import dev.recollect.ports.in.RetryJob;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.metrics.MicrometerMetrics;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.ScriptedLlm;
import dev.recollect.ports.testing.SequentialIds;
import dev.recollect.ports.testing.StudyingLearner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
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
        java.util.concurrent.atomic.AtomicReference<Thread> background =
                new java.util.concurrent.atomic.AtomicReference<>();
        // Waiting for work is where the worker rests once the queue is empty; it rests until closing wakes it.
        stores.signals().onWait(() -> {
            background.set(Thread.currentThread());
            idle.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Worker worker = recollect.worker(Worker.Settings.defaults("background"));

        // Started from a thread that is not a daemon, so that its thread's daemon flag is the worker's doing.
        dev.recollect.ports.testing.NonDaemon.call(() -> {
            worker.start();
            return null;
        });

        assertThat(idle.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(background.get().getName()).isEqualTo("recollect-worker");
        assertThat(background.get().isDaemon())
                .as("it never keeps the JVM alive")
                .isTrue();
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
        assertThat(recollect.fitParameters()).isInstanceOf(dev.recollect.ports.service.ParameterFitting.class);
        assertThat(Recollect.parameterFitting()).isSameAs(recollect.fitParameters());
    }

    /**
     * A learner's weights are fitted, saved, read and reset over the persistence given, with the deployment's FSRS
     * settings and the clock, and then schedule that learner's answers.
     */
    @Test
    void aLearnersWeightsAreFittedSavedReadAndResetOverTheStoresGiven() {
        Parameters deployment = Parameters.builder()
                .maximumInterval(200)
                .relearningSteps(Collections.nCopies(8, Duration.ofMinutes(10)))
                .build();
        Recollect recollect = builder().fsrs(deployment).build();
        clock.set(Fixtures.T0);
        StudyingLearner.study(
                stores,
                recollect.recordInteraction(),
                clock,
                new UserId("learner"),
                100,
                StudyingLearner.history(5, 100, 700));

        FitLearnerParameters.Result result = recollect
                .fitLearnerParameters()
                .fit(new FitLearnerParameters.Command("learner", null, "UTC", 4, true), Optimizer.Monitor.NONE);

        FitLearnerParameters.Result.Fitted fitted = result.fold(f -> f, nothing -> null);
        assertThat(fitted.saving()).isEqualTo(FitLearnerParameters.Saving.SAVED);
        assertThat(fitted.fit().before()).isEqualTo(Evaluation.of(deployment.w(), fittedItems("learner")));
        // Eight relearning steps cap w17 and w18 in training, as they cap them in the scheduler.
        assertThat(fitted.fit().result().parameters())
                .containsExactly(Optimizer.fit(
                                fittedItems("learner"),
                                Optimizer.Options.DEFAULT.withRelearningSteps(8),
                                Optimizer.Monitor.NONE)
                        .parameters());
        LearnerParameters saved = recollect
                .getLearnerParameters()
                .get(new GetLearnerParameters.Query("learner"))
                .orElseThrow();
        assertThat(saved.weights()).containsExactly(fitted.fit().result().parameters());
        assertThat(saved.fittedAt()).isEqualTo(clock.instant());
        assertThat(stores.learnerParameters().find(new UserId("learner"))).contains(saved);
        assertThat(recollect.resetLearnerParameters().reset(new ResetLearnerParameters.Command("learner")))
                .isTrue();
        assertThat(stores.learnerParameters().find(new UserId("learner"))).isEmpty();
    }

    private List<TrainingItem> fittedItems(String learner) {
        return Revlog.items(
                PastReview.revlog(stores.reviews().history(new UserId(learner))), java.time.ZoneOffset.UTC, 4);
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
    }

    /** A housekeeping interval is refused exactly when negative; zero means never. */
    @SeededProperty
    void aHousekeepingIntervalIsRefusedExactlyWhenNegative(
            @ForAll @LongRange(min = -100_000, max = 100_000) long millis) {
        Recollect.Builder builder = Recollect.builder();
        Duration interval = Duration.ofMillis(millis);
        if (millis < 0) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.housekeepingEvery(interval))
                    .withMessageContaining("housekeeping");
        } else {
            assertThat(builder.housekeepingEvery(interval)).isSameAs(builder);
        }
    }

    /** Migrations given together must have distinct names: any list where two share one is refused. */
    @SeededProperty
    void migrationsThatShareANameAreRefused(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 4) Integer> picks) {
        List<DocumentMigration> all = BuiltInMigrations.all();
        List<DocumentMigration> chosen = picks.stream().map(all::get).toList();
        boolean distinct =
                chosen.stream().map(DocumentMigration::name).distinct().count() == chosen.size();
        Recollect.Builder builder = Recollect.builder();
        if (distinct) {
            assertThat(builder.migrations(chosen)).isSameAs(builder);
        } else {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.migrations(chosen))
                    .withMessageContaining("share a name");
        }
    }

    @Test
    void everyUseCaseIsWiredOverTheSameStores() throws Exception {
        Recollect recollect = builder()
                .retryPolicy(dev.recollect.domain.failure.RetryPolicy.DEFAULT)
                .build();
        GenerationJob job = create(recollect, "learner", "Tides");
        GetJob.Query query = new GetJob.Query("learner", job.id().toString());

        assertThat(recollect.getJob().get(query)).contains(job);
        assertThat(recollect
                        .listRecentJobs()
                        .list(new ListRecentJobs.Query("learner", 10, null, Set.of()))
                        .items())
                .containsExactly(job);
        assertThat(recollect.listRecentJobs().quota("learner")).isEqualTo(new ListRecentJobs.Quota(1, 3));
        assertThat(recollect
                        .cancelJob()
                        .cancel(new CancelJob.Command("learner", job.id().toString())))
                .isInstanceOf(CancelJob.Result.Cancelled.class);
        assertThat(recollect.watchJob().follow(query, seen -> {}))
                .hasValueSatisfying(ended -> assertThat(ended.status()).isEqualTo(JobStatus.CANCELLED));
        assertThat(recollect
                        .retryJob()
                        .retry(new RetryJob.Command("learner", job.id().toString(), false, null)))
                .isInstanceOf(RetryJob.Result.NotRetryable.class);
        clock.advance(Duration.ofDays(8));
        assertThat(recollect.cleanupJobs().cleanup().jobs().cancelled()).isEqualTo(1);
        assertThat(recollect.getJob().get(query)).isEmpty();
        assertThat(recollect
                        .reconcileStats()
                        .reconcile(new ReconcileStats.Command("learner"))
                        .after()
                        .totalCards())
                .isZero();
        assertThat(recollect
                        .changeLifecycle()
                        .change(new ChangeLifecycle.Command(
                                "learner",
                                ChangeLifecycle.Item.CONCEPT,
                                UUID.randomUUID().toString(),
                                Lifecycle.ARCHIVE)))
                .isInstanceOf(ChangeLifecycle.Result.NotFound.class);
        Document first = new Document("a", Map.of("_id", "a"), clock.instant());
        Document second = new Document("b", Map.of("_id", "b"), clock.instant());
        assertThat(recollect.importDocuments().importDocuments(new ImportDocuments.Command("cards", List.of(first))))
                .isEqualTo(1);
        assertThat(recollect
                        .importDocuments()
                        .importDocuments(new ImportDocuments.Command("cards", List.of(first, second))))
                .as("an imported id is skipped")
                .isEqualTo(1);
        assertThat(recollect.importDocuments().importDocuments(new ImportDocuments.Command("cards", List.of())))
                .isZero();
        assertThat(stores.migrations().count("cards", RunScope.ALL)).isEqualTo(2);
        assertThatThrownBy(() -> recollect
                        .importDocuments()
                        .importDocuments(new ImportDocuments.Command("no spaces", List.of(first))))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("table");
    }

    @Test
    void theMigrationsGivenReplaceTheDiscoveredOnes_whichComeFromTheClassPath() throws Exception {
        DocumentMigration mine = DocumentMigration.of("mine", "A service's own.", "cards", d -> null);
        assertThat(builder().migrations(List.of(mine)).build().runMigrations().available())
                .containsExactly(mine);

        Path services = Files.createTempDirectory("recollect-services");
        Path file = services.resolve("META-INF/services/" + DocumentMigration.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, Discovered.class.getName() + "\n");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {services.toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(loader);
            assertThat(builder().build().runMigrations().available())
                    .extracting(DocumentMigration::name)
                    .contains("discovered", BuiltInMigrations.all().get(0).name());
        } finally {
            Thread.currentThread().setContextClassLoader(before);
            Files.delete(file);
            Files.delete(file.getParent());
            Files.delete(file.getParent().getParent());
            Files.delete(services);
        }
    }

    /** A migration a jar declares as a service. */
    public static final class Discovered implements DocumentMigration {
        @Override
        public String name() {
            return "discovered";
        }

        @Override
        public String description() {
            return "Declared in META-INF/services.";
        }

        @Override
        public String table() {
            return "cards";
        }

        @Override
        public dev.recollect.domain.migration.Decision decide(Document document) {
            return null;
        }
    }

    @Test
    void aSeedReplaysTheReviewQueueExactly() {
        List<String> first = picks(7);
        assertThat(picks(7)).isEqualTo(first);
        assertThat(List.of(picks(8), picks(9), picks(10)))
                .as("other seeds pick otherwise")
                .anyMatch(p -> !p.equals(first));
    }

    /** The concepts the queue picks, ten times in a row, from nine new ones, over stores of their own. */
    private static List<String> picks(long seed) {
        InMemoryStores own = new InMemoryStores();
        MutableClock at = new MutableClock(Fixtures.T0);
        Recollect recollect = Recollect.builder()
                .persistence(own)
                .models(new ScriptedLlm())
                .clock(at)
                .ids(new SequentialIds())
                .sleeper(new RecordingSleeper(at))
                .seed(seed)
                .build();
        for (String prompt : List.of("Tides", "Rivers", "Lakes")) {
            CreateJob.Result created = recollect.createJob().create(new CreateJob.Command("learner", prompt, null));
            recollect
                    .processJob()
                    .process(((CreateJob.Result.Created) created).job().id());
        }
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            picked.add(((GetNextReview.Result.Next) recollect.getNextReview().next(new GetNextReview.Query("learner")))
                    .concept()
                    .title());
        }
        return picked;
    }
}
