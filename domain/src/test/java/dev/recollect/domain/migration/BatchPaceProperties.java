package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The batch pace's rules: a size moves towards the target by bounded steps and stays within the run's bounds; the
 * time per document is smoothed; on a table of constant cost the size settles where a batch takes the target, so a
 * slow table gets small batches and a fast one large.
 */
class BatchPaceProperties {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    private static MigrationRun run(int size, double msPerDocument, BatchPace pace) {
        return new MigrationRun(
                UUID.randomUUID(),
                "m",
                "t",
                false,
                size,
                0,
                T0,
                null,
                RunScope.ALL,
                RunControl.RUNNING,
                pace,
                msPerDocument);
    }

    @SeededProperty
    void aSizeMovesTowardsTheTargetByBoundedSteps(
            @ForAll @IntRange(min = 1, max = 10_000) int size,
            @ForAll @DoubleRange(min = 0.0001, max = 100) @net.jqwik.api.constraints.Scale(5) double msPerDocument,
            @ForAll @IntRange(min = 10, max = 60_000) int targetMs) {
        BatchPace pace = new BatchPace(Duration.ofMillis(targetMs));
        int next = pace.nextSize(size, msPerDocument);
        double predicted = size * msPerDocument;

        assertThat(next).isBetween(MigrationRun.MIN_BATCH, MigrationRun.MAX_BATCH);
        assertThat(next)
                .isBetween(
                        (int) Math.floor(size * BatchPace.MAX_SHRINK) - 1,
                        (int) Math.ceil(size * BatchPace.MAX_GROWTH) + 1);
        if (Math.abs(predicted - targetMs) <= BatchPace.TOLERANCE * targetMs) {
            assertThat(next).as("near the target, the size stays").isEqualTo(size);
        } else if (predicted > targetMs) {
            assertThat(next).as("too slow: smaller").isLessThanOrEqualTo(size);
            assertThat(next < size || size == MigrationRun.MIN_BATCH).isTrue();
        } else {
            assertThat(next).as("too fast: larger").isGreaterThanOrEqualTo(size);
            assertThat(next > size || size == MigrationRun.MAX_BATCH).isTrue();
        }
    }

    @SeededProperty
    void theTimePerDocumentIsSmoothedOverTheBatches(
            @ForAll @DoubleRange(min = 0, max = 50) double before,
            @ForAll @IntRange(min = 0, max = 100_000) int tookMicros,
            @ForAll @IntRange(min = 1, max = 10_000) int documents) {
        BatchPace pace = new BatchPace(Duration.ofMillis(100));
        MigrationRun original = run(100, before, pace);
        MigrationRun after = pace.after(original, Duration.ofNanos(1000L * tookMicros), documents);
        double observed = tookMicros / 1000.0 / documents;
        double expected = before > 0 ? BatchPace.SMOOTHING * observed + (1 - BatchPace.SMOOTHING) * before : observed;

        assertThat(after.msPerDocument()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(after.batchSize()).isEqualTo(pace.nextSize(100, after.msPerDocument()));
        assertThat(after)
                .as("nothing else changes")
                .isEqualTo(original.paced(after.batchSize(), after.msPerDocument()));
        assertThat(original.adopting(after))
                .as("a ledger stores the new size and pace")
                .isEqualTo(after);
    }

    @SeededProperty
    void onATableOfConstantCostTheSizeSettlesWhereABatchTakesTheTarget(
            @ForAll @IntRange(min = 1, max = 10_000) int start,
            @ForAll @DoubleRange(min = 0.01, max = 20) double msPerDocument) {
        BatchPace pace = new BatchPace(Duration.ofMillis(200));
        MigrationRun run = run(start, 0, pace);
        for (int batch = 0; batch < 60; batch++) {
            long nanos = Math.round(run.batchSize() * msPerDocument * 1e6);
            run = pace.after(run, Duration.ofNanos(nanos), run.batchSize());
        }
        double ideal = Math.max(1, Math.min(MigrationRun.MAX_BATCH, 200 / msPerDocument));
        assertThat((double) run.batchSize())
                .isBetween(Math.min(ideal * 0.89, ideal - 1), Math.max(ideal * 1.11, ideal + 1));
    }

    @Example
    void aSlowTableGetsSmallerBatchesAndAFastOneLarger() {
        BatchPace pace = new BatchPace(Duration.ofMillis(100));
        MigrationRun slow = pace.after(run(1000, 0, pace), Duration.ofSeconds(2), 1000);
        MigrationRun fast = pace.after(run(1000, 0, pace), Duration.ofMillis(10), 1000);
        assertThat(slow.batchSize()).isEqualTo(500);
        assertThat(fast.batchSize()).isEqualTo(1200);
        assertThat(pace.after(slow, Duration.ZERO, 0))
                .as("an empty batch tells nothing")
                .isEqualTo(slow);
    }

    @Example
    void aTargetOutsideItsBoundsIsRefusedAndOneWithinIsKeptInMilliseconds() {
        assertThatThrownBy(() -> new BatchPace(Duration.ofMillis(9))).hasMessageContaining("10 to 60000 ms, got 9");
        assertThatThrownBy(() -> new BatchPace(Duration.ofMillis(60_001))).hasMessageContaining("got 60001");
        assertThatThrownBy(() -> new BatchPace(null)).hasMessageContaining("got null");
        assertThat(new BatchPace(Duration.ofNanos(10_999_999)).target()).isEqualTo(Duration.ofMillis(10));
    }
}
