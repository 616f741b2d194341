package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.testing.InMemoryMigrationLedger;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.SequentialIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The run report's figures, exactly: times, rate, remaining work, and when a run counts as done. */
class MigrationReportTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();
    private final MigrationRunner runner =
            new MigrationRunner(ledger, BuiltInMigrations.all(), new SequentialIds(), clock, sleeper);

    private UUID plan(int documents, int batchSize) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("topic", "t");
            docs.add(new Document(String.format("q%03d", i), fields, T0));
        }
        ledger.importDocuments("questions", docs);
        return ((RunMigrations.Started.Planned)
                        runner.start(new RunMigrations.Start("remove-question-topic", false, batchSize)))
                .run()
                .id();
    }

    @Test
    void theReportMeasuresFromTheFirstClaimToTheLastCompletion() {
        UUID run = plan(25, 10);
        List<RunMigrations.Progress> seen = new ArrayList<>();
        List<RunMigrations.RunReport> midway = new ArrayList<>();

        RunMigrations.RunReport end = runner.work(new RunMigrations.Work(run, "w", Duration.ofSeconds(1)), p -> {
                    seen.add(p);
                    midway.add(runner.status(run).orElseThrow());
                })
                .orElseThrow();

        assertThat(seen).extracting(RunMigrations.Progress::batchesDone).containsExactly(1, 2, 3);
        assertThat(seen).extracting(p -> p.batch().state()).containsOnly(BatchState.COMPLETED);
        assertThat(seen).extracting(p -> p.workerStats().processed()).containsExactly(10, 20, 25);
        RunMigrations.RunReport first = midway.get(0);
        assertThat(first.done()).isFalse();
        assertThat(first.remainingEstimate()).isEqualTo(15);
        assertThat(first.batches()).containsEntry(BatchState.PENDING, 2).containsEntry(BatchState.COMPLETED, 1);
        assertThat(first.documentsPerSecond()).isZero();
        assertThat(end.firstStartedAt()).isEqualTo(T0);
        assertThat(end.lastCompletedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(end.documentsPerSecond()).isEqualTo(12.5);
        assertThat(end.remainingEstimate()).isZero();
        assertThat(end.run().finishedAt()).isEqualTo(T0.plusSeconds(3));
        // Working on a finished run again finds nothing, and keeps its finishing time.
        clock.advance(Duration.ofHours(1));
        assertThat(runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {})
                        .orElseThrow()
                        .run()
                        .finishedAt())
                .isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void theLastCompletionCountsEvenWhenAnEarlierBatchFinishedLast() {
        UUID run = plan(4, 2);
        MigrationBatch slow =
                ledger.claim(run, "slow", Duration.ofMinutes(5), T0).orElseThrow();
        MigrationBatch fast = ledger.claim(run, "fast", Duration.ofMinutes(5), T0.plusSeconds(1))
                .orElseThrow();
        ledger.process(
                fast,
                "fast",
                false,
                d -> new dev.recollect.domain.migration.Decision.Skip("x"),
                Clock.fixed(T0.plusSeconds(2), ZoneOffset.UTC));
        RunMigrations.RunReport halfway = runner.status(run).orElseThrow();
        assertThat(halfway.done()).isFalse();
        assertThat(halfway.batches()).containsEntry(BatchState.PROCESSING, 1);
        ledger.process(
                slow,
                "slow",
                false,
                d -> new dev.recollect.domain.migration.Decision.Skip("x"),
                Clock.fixed(T0.plusSeconds(8), ZoneOffset.UTC));

        RunMigrations.RunReport report = runner.status(run).orElseThrow();

        assertThat(report.firstStartedAt()).isEqualTo(T0);
        assertThat(report.lastCompletedAt()).isEqualTo(T0.plusSeconds(8));
        assertThat(report.documentsPerSecond()).isEqualTo(0.5);
        assertThat(report.done()).isTrue();
    }

    @Test
    void aBatchWaitingToRetryIsNotDoneAndAddsNothingToTheWorkersStats() {
        UUID run = plan(2, 2);
        MigrationBatch claimed =
                ledger.claim(run, "w", Duration.ofMinutes(5), T0).orElseThrow();
        ledger.fail(run, claimed.seq(), "w", "lost", T0);
        RunMigrations.RunReport report = runner.status(run).orElseThrow();
        assertThat(report.done()).isFalse();
        assertThat(report.batches()).containsEntry(BatchState.RETRY, 1);
        assertThat(report.stats()).isEqualTo(BatchStats.NONE);
    }

    @Test
    void aRunOfAMigrationThisBuildLacksCannotBeWorked() {
        UUID run = plan(2, 2);
        MigrationRunner without = new MigrationRunner(ledger, List.of(), new SequentialIds(), clock, sleeper);
        assertThatIllegalStateException()
                .isThrownBy(() -> without.work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {}))
                .withMessageContaining("remove-question-topic, which this build lacks");
        assertThatThrownBy(() -> runner.work(null, p -> {})).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> runner.start(null)).isInstanceOf(InvalidCommandException.class);
        assertThat(runner.list(0)).hasSize(1);
    }
}
