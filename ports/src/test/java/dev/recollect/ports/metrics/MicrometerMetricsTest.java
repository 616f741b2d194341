package dev.recollect.ports.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorClassifier.Stage;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.usage.ModelUsage;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.JobReports;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.service.MigrationRunner;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.InMemoryMigrationLedger;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.Proxies;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.ScriptedLlm;
import dev.recollect.ports.testing.SequentialIds;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The meters as a {@link SimpleMeterRegistry} sees them after the services' scenarios. */
class MicrometerMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerMetrics metrics = new MicrometerMetrics(registry);
    private final PipelineHarness h = new PipelineHarness(metrics);
    private final UserId user = new UserId("learner");

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private Timer timer(String name, String... tags) {
        return registry.get(name).tags(tags).timer();
    }

    /** Every timer of {@code name} by the value of {@code tag}, with its count. */
    private Map<String, Long> countsBy(String name, String tag) {
        Map<String, Long> counts = new TreeMap<>();
        for (Timer t : registry.find(name).timers()) {
            counts.put(t.getId().getTag(tag), t.count());
        }
        return counts;
    }

    @Test
    void aCompletedJobIsCountedWithItsDurationItsPhasesItsCallsAndItsTokens() {
        GenerationJob job = h.create(user, "Photosynthesis");
        h.clock.advance(Duration.ofSeconds(2));
        // One rate-limited concept call: the pipeline waits 37 s (on the clock) and asks again.
        h.llm.conceptsFail(new ProviderFailure.RateLimited("slow down", Optional.of(Duration.ofSeconds(37))));

        h.pipeline().process(job.id());

        GenerationJob done = h.job(job.id());
        assertThat(count("recollect.jobs.created")).isEqualTo(1);
        assertThat(count("recollect.jobs.completed")).isEqualTo(1);
        assertThat(registry.find("recollect.jobs.failed").counters()).isEmpty();
        Timer duration = timer("recollect.jobs.duration", "status", "completed");
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(37_000)
                .isEqualTo(done.durationMs().doubleValue());
        assertThat(countsBy("recollect.jobs.phase.duration", "phase"))
                .containsExactly(
                        Map.entry("clarifying", 1L),
                        Map.entry("concept_synthesis", 1L),
                        Map.entry("finalizing", 1L),
                        Map.entry("phrasing_generation", 1L));
        assertThat(timer("recollect.jobs.phase.duration", "phase", "concept_synthesis")
                        .totalTime(TimeUnit.SECONDS))
                .isEqualTo(37);

        assertThat(timer("recollect.llm.calls", "stage", "concepts", "outcome", "rate_limit")
                        .count())
                .isEqualTo(1);
        assertThat(timer("recollect.llm.calls", "stage", "concepts", "outcome", "success")
                        .count())
                .isEqualTo(1);
        assertThat(timer("recollect.llm.calls", "stage", "phrasings", "outcome", "success")
                        .count())
                .isEqualTo(3);
        assertThat(count("recollect.llm.retries", "stage", "concepts", "source", "pipeline"))
                .isEqualTo(1);

        // Two concept calls and three phrasing calls, each reporting the scripted usage; the failed call too.
        TokenUsage expected = ScriptedLlm.CONCEPT_CALL
                .plus(ScriptedLlm.CONCEPT_CALL)
                .plus(ScriptedLlm.PHRASING_CALL)
                .plus(ScriptedLlm.PHRASING_CALL)
                .plus(ScriptedLlm.PHRASING_CALL);
        assertThat(h.stores.jobReports().usage(job.id())).containsExactly(new ModelUsage(ScriptedLlm.MODEL, expected));
        assertThat(count("recollect.llm.tokens", "stage", "concepts", "model", ScriptedLlm.MODEL, "kind", "prompt"))
                .isEqualTo(200);
        assertThat(count("recollect.llm.tokens", "stage", "phrasings", "kind", "output"))
                .isEqualTo(240);
        assertThat(count("recollect.llm.tokens", "stage", "concepts", "kind", "thinking"))
                .isEqualTo(20);
    }

    @Test
    void rejectionsAreCountedByReasonAndCancellationsOnce() {
        CreateJob.Result tooShort = h.jobs.create(new CreateJob.Command(user.value(), "ab", null));
        CreateJob.Result tooLong = h.jobs.create(new CreateJob.Command(user.value(), "x".repeat(5001), null));
        CreateJob.Result control = h.jobs.create(new CreateJob.Command(user.value(), "abc\u0000def", null));
        List<GenerationJob> active = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            active.add(h.create(user, "Topic " + i));
        }
        CreateJob.Result fourth = h.jobs.create(new CreateJob.Command(user.value(), "One too many", null));
        CancelJob.Result cancelled = h.jobs.cancel(
                new CancelJob.Command(user.value(), active.get(0).id().toString()));
        CancelJob.Result again = h.jobs.cancel(
                new CancelJob.Command(user.value(), active.get(0).id().toString()));

        assertThat(List.of(tooShort, tooLong, control))
                .allSatisfy(r -> assertThat(r).isInstanceOf(CreateJob.Result.InvalidPrompt.class));
        assertThat(fourth).isInstanceOf(CreateJob.Result.TooManyActiveJobs.class);
        assertThat(cancelled).isInstanceOf(CancelJob.Result.Cancelled.class);
        assertThat(again).isInstanceOf(CancelJob.Result.NotCancellable.class);
        assertThat(count("recollect.jobs.rejected", "reason", "prompt_too_short"))
                .isEqualTo(1);
        assertThat(count("recollect.jobs.rejected", "reason", "prompt_too_long"))
                .isEqualTo(1);
        assertThat(count("recollect.jobs.rejected", "reason", "prompt_control_character"))
                .isEqualTo(1);
        assertThat(count("recollect.jobs.rejected", "reason", "too_many_active"))
                .isEqualTo(1);
        assertThat(count("recollect.jobs.created")).isEqualTo(3);
        assertThat(count("recollect.jobs.cancelled")).isEqualTo(1);
        assertThat(timer("recollect.jobs.duration", "status", "cancelled").count())
                .isEqualTo(1);
    }

    @Test
    void theHundredAndFirstJobInAnHourIsCountedAsRateLimited() {
        for (int i = 0; i < 100; i++) {
            GenerationJob job = h.create(user, "Topic " + i);
            h.jobs.cancel(new CancelJob.Command(user.value(), job.id().toString()));
        }

        h.jobs.create(new CreateJob.Command(user.value(), "Topic 101", null));

        assertThat(count("recollect.jobs.rejected", "reason", "rate_limited")).isEqualTo(1);
        assertThat(count("recollect.jobs.created")).isEqualTo(100);
    }

    @Test
    void adapterRetriesAndTokensComeFromWhatTheAdapterReports() {
        metrics.llmReported(Stage.PHRASINGS, new LlmCall("gemini-2.5-flash", TokenUsage.ofCall(10, 20, 30, 60), 3));
        metrics.llmReported(Stage.PHRASINGS, new LlmCall("gemini-2.5-flash", TokenUsage.NONE, 1));

        assertThat(count("recollect.llm.retries", "stage", "phrasings", "source", "adapter"))
                .isEqualTo(2);
        assertThat(count("recollect.llm.tokens", "model", "gemini-2.5-flash", "kind", "prompt"))
                .isEqualTo(10);
        assertThat(count("recollect.llm.tokens", "model", "gemini-2.5-flash", "kind", "output"))
                .isEqualTo(20);
        assertThat(count("recollect.llm.tokens", "model", "gemini-2.5-flash", "kind", "thinking"))
                .isEqualTo(30);
    }

    @Test
    void migrationBatchesAndRecordsAreCountedByOutcome() {
        InMemoryMigrationLedger ledger = new InMemoryMigrationLedger() {
            private int failuresLeft = 1;

            @Override
            public Optional<MigrationBatch> processAll(
                    MigrationBatch claimed,
                    String worker,
                    boolean dryRun,
                    Function<List<Document>, List<Decision>> decide,
                    java.time.Clock now) {
                if (failuresLeft-- > 0) {
                    throw new IllegalStateException("connection lost");
                }
                return super.processAll(claimed, worker, dryRun, decide, now);
            }
        };
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            docs.add(new Document(String.format("q%03d", i), Map.of("question", "Q" + i), Fixtures.T0));
        }
        ledger.importDocuments("questions", docs);
        DocumentMigration tidy = DocumentMigration.of("tidy", "Marks every fifth", "questions", doc -> {
            if (doc.id().equals("q003")) {
                return new Decision.Fail("unreadable");
            }
            int n = Integer.parseInt(doc.id().substring(1));
            return n % 5 == 0 ? new Decision.Update(doc.with("seen", true)) : new Decision.Skip("not fifth");
        });
        MigrationRunner runner = new MigrationRunner(
                ledger, List.of(tidy), new SequentialIds(), h.clock, new RecordingSleeper(h.clock), metrics);
        var planned = (RunMigrations.Started.Planned) runner.start(new RunMigrations.Start("tidy", false, 10));
        RunMigrations.Work work = new RunMigrations.Work(planned.run().id(), "w1", Duration.ZERO);

        runner.work(work, p -> {});
        h.clock.advance(Duration.ofMinutes(10));
        runner.work(work, p -> {});

        // The first batch failed once (to retry) and then completed; the other two completed at once.
        assertThat(count("recollect.migration.batches", "migration", "tidy", "outcome", "retry"))
                .isEqualTo(1);
        assertThat(count("recollect.migration.batches", "migration", "tidy", "outcome", "completed"))
                .isEqualTo(3);
        assertThat(count("recollect.migration.records", "migration", "tidy", "outcome", "updated"))
                .isEqualTo(5);
        assertThat(count("recollect.migration.records", "outcome", "skipped")).isEqualTo(19);
        assertThat(count("recollect.migration.records", "outcome", "failed")).isEqualTo(1);
    }

    @Test
    void theQueueGaugesReadTheStoreAtMostOncePerRefresh() {
        assertThat(metrics.bindQueue(h.stores.jobReports(), h.clock, Duration.ofSeconds(5)))
                .isSameAs(metrics);
        Meter depth = registry.get("recollect.jobs.queue.depth").gauge();
        var age = registry.get("recollect.jobs.queue.oldest.age").timeGauge();
        assertThat(registry.get("recollect.jobs.queue.depth").gauge().value()).isZero();
        assertThat(age.value(TimeUnit.SECONDS)).isZero();

        h.create(user, "First");
        h.clock.advance(Duration.ofSeconds(4));
        h.create(user, "Second");
        assertThat(registry.get("recollect.jobs.queue.depth").gauge().value())
                .as("still the reading of 4 s ago")
                .isZero();

        h.clock.advance(Duration.ofSeconds(86));
        assertThat(registry.get("recollect.jobs.queue.depth").gauge().value()).isEqualTo(2);
        assertThat(age.value(TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(depth.getId().getBaseUnit()).isEqualTo("jobs");
    }

    @Test
    void theQueueGaugesOutliveAGarbageCollection() {
        metrics.bindQueue(h.stores.jobReports(), h.clock, Duration.ofSeconds(5));
        h.create(user, "First");
        // Gauges hold their object weakly unless told otherwise; nothing but the gauges holds the queue snapshot.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(registry.get("recollect.jobs.queue.depth").gauge().value()).isEqualTo(1);
    }

    @Test
    void aQueueThatCannotBeReadShowsNoValue() {
        JobReports down = Proxies.around(JobReports.class, h.stores.jobReports(), call -> {
            throw new IllegalStateException("database down");
        });
        metrics.bindQueue(down, h.clock, Duration.ofSeconds(5));

        assertThat(registry.get("recollect.jobs.queue.depth").gauge().value()).isNaN();
        assertThat(registry.get("recollect.jobs.queue.oldest.age").timeGauge().value(TimeUnit.SECONDS))
                .isNaN();
        // Not a failure the gauge swallowed: the snapshot itself has no value to give.
        QueueSnapshot snapshot = new QueueSnapshot(down, h.clock, Duration.ofSeconds(5));
        assertThat(snapshot.depth()).isNaN();
        assertThat(snapshot.oldestAgeSeconds()).isNaN();
    }

    @Test
    void aNegativeQueueRefreshIsRefused_andTheBuilderBindsTheGaugesWithTheOneGiven() {
        assertThatThrownBy(() -> new MicrometerMetrics(registry, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue refresh must be >= 0");
        MicrometerMetrics slow = new MicrometerMetrics(registry, Duration.ofMinutes(1));
        slow.observeQueue(h.stores.jobReports(), h.clock);
        assertThat(registry.get("recollect.jobs.queue.depth").gauge().value()).isZero();
        h.create(user, "Later");
        h.clock.advance(Duration.ofSeconds(59));
        assertThat(registry.get("recollect.jobs.queue.depth").gauge().value())
                .as("read once a minute")
                .isZero();
        h.clock.advance(Duration.ofSeconds(1));
        assertThat(registry.get("recollect.jobs.queue.depth").gauge().value()).isEqualTo(1);
    }
}
