package dev.recollect.ports.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.failure.ErrorClassifier;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.KeyRange;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.testing.DomainArbitraries;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.LlmCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** How the meters count a finished job and a migration batch, whatever state they are in. */
class OutcomeMetricsProperties {
    @Provide
    Arbitrary<GenerationJob> jobs() {
        return DomainArbitraries.jobs();
    }

    private static double sum(SimpleMeterRegistry registry, String name) {
        return registry.find(name).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /**
     * A job that ended counts once, under its status (a failure under its error's code), with its duration when it
     * has one; a job that has not ended counts nothing.
     */
    @SeededProperty
    void aJobCountsOnceUnderHowItEnded(@ForAll("jobs") GenerationJob reached, @ForAll boolean withoutDuration) {
        // A row written before durations were kept has none: it still counts, without a duration.
        GenerationJob job =
                withoutDuration ? reached.toBuilder().durationMs(null).build() : reached;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerMetrics metrics = new MicrometerMetrics(registry);

        metrics.jobFinished(job);

        JobStatus status = job.status();
        assertThat(sum(registry, "recollect.jobs.completed")).isEqualTo(status == JobStatus.COMPLETED ? 1 : 0);
        assertThat(sum(registry, "recollect.jobs.cancelled")).isEqualTo(status == JobStatus.CANCELLED ? 1 : 0);
        assertThat(registry.find("recollect.jobs.failed").counters())
                .extracting(c -> c.getId().getTag("error") + "=" + c.count())
                .containsExactlyElementsOf(
                        status == JobStatus.FAILED
                                ? List.of(job.error().code().name().toLowerCase(Locale.ROOT) + "=1.0")
                                : List.of());
        List<Timer> durations =
                List.copyOf(registry.find("recollect.jobs.duration").timers());
        if (status.isTerminal() && job.durationMs() != null) {
            assertThat(durations).singleElement().satisfies(t -> {
                assertThat(t.getId().getTag("status")).isEqualTo(status.wireName());
                assertThat(t.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                        .isEqualTo((double) job.durationMs());
            });
        } else {
            assertThat(durations).isEmpty();
        }
    }

    /**
     * A batch counts once under its outcome; the records it updated, skipped and failed are counted only once it
     * completed, never for a batch that failed or waits to retry.
     */
    @SeededProperty
    void aBatchCountsItsRecordsOnlyOnceCompleted(
            @ForAll BatchState state,
            @ForAll @IntRange(max = 5) int updated,
            @ForAll @IntRange(max = 5) int skipped,
            @ForAll @IntRange(max = 5) int failed) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerMetrics metrics = new MicrometerMetrics(registry);
        Instant now = Instant.parse("2026-11-22T09:00:00Z");
        MigrationBatch pending = MigrationBatch.pending(UUID.randomUUID(), 0, new KeyRange(null, "k9"));
        MigrationBatch claimed = pending.claim("w", now, Duration.ofMinutes(1));
        BatchStats stats = new BatchStats(
                updated + skipped + failed, updated, skipped == 0 ? Map.of() : Map.of("already", skipped), failed);
        MigrationBatch batch =
                switch (state) {
                    case PENDING -> pending;
                    case PROCESSING -> claimed;
                    case COMPLETED -> claimed.complete(stats, List.of(), now);
                    case RETRY -> claimed.fail("disk full", now);
                    case FAILED -> failedForGood(claimed, now);
                };

        metrics.migrationBatch("m", batch);

        assertThat(registry.find("recollect.migration.batches").counters())
                .extracting(c -> c.getId().getTag("outcome") + "=" + c.count())
                .containsExactly(batch.state().wireName() + "=1.0");
        List<Meter> records =
                List.copyOf(registry.find("recollect.migration.records").meters());
        if (state == BatchState.COMPLETED) {
            assertThat(registry.find("recollect.migration.records").counters())
                    .extracting(c -> c.getId().getTag("outcome") + "=" + c.count())
                    .containsExactlyInAnyOrder(
                            "updated=" + (double) updated, "skipped=" + (double) skipped, "failed=" + (double) failed);
        } else {
            assertThat(records).isEmpty();
        }
    }

    private static MigrationBatch failedForGood(MigrationBatch claimed, Instant now) {
        MigrationBatch batch = claimed;
        for (int i = 0; i < MigrationBatch.MAX_RETRIES; i++) {
            batch = batch.fail("disk full", now);
            if (batch.state() == BatchState.RETRY) {
                batch = batch.claim("w", batch.retryAfter(), Duration.ofMinutes(1));
            }
        }
        return batch;
    }

    /**
     * A call the adapter reports counts the adapter's own retries (its attempts but the first; none for one attempt)
     * and its tokens by kind, under the call's stage and model.
     */
    @SeededProperty
    void aReportedCallCountsTheAdaptersRetriesAndItsTokens(
            @ForAll ErrorClassifier.Stage stage,
            @ForAll @IntRange(min = 1, max = 5) int attempts,
            @ForAll("usages") TokenUsage usage) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerMetrics metrics = new MicrometerMetrics(registry);

        metrics.llmReported(stage, new LlmCall("m", usage, attempts));

        String tag = stage.name().toLowerCase(Locale.ROOT);
        assertThat(registry.find("recollect.llm.retries").counters())
                .extracting(c -> c.getId().getTag("stage") + "/" + c.getId().getTag("source") + "=" + c.count())
                .containsExactlyElementsOf(
                        attempts == 1 ? List.of() : List.of(tag + "/adapter=" + (double) (attempts - 1)));
        assertThat(registry.find("recollect.llm.tokens").tag("model", "m").counters())
                .extracting(c -> c.getId().getTag("kind") + "=" + c.count())
                .containsExactlyInAnyOrder(
                        "prompt=" + (double) usage.prompt(),
                        "output=" + (double) usage.output(),
                        "thinking=" + (double) usage.thinking());
    }

    @Provide
    Arbitrary<TokenUsage> usages() {
        Arbitrary<Long> tokens = net.jqwik.api.Arbitraries.longs().between(0, 100_000);
        return net.jqwik.api.Combinators.combine(tokens, tokens, tokens)
                .as((prompt, output, thinking) ->
                        TokenUsage.ofCall(prompt, output, thinking, prompt + output + thinking));
    }
}
