package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.testing.InMemoryMigrationLedger;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.SequentialIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;

/** A whole run's report and progress, for any table size and batch size. */
class MigrationReportProperties {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    /**
     * A run worked to its end by one worker is done with every document processed and none left; its batches are the
     * table cut into batch-size pieces, each reported once, in order, with the worker's running totals.
     */
    @SeededProperty
    void aRunWorkedToItsEndAccountsForEveryDocument(
            @ForAll @IntRange(min = 1, max = 60) int documents,
            @ForAll @IntRange(min = 1, max = 20) int batchSize,
            @ForAll @IntRange(max = 60) int withoutTopic) {
        MutableClock clock = new MutableClock(T0);
        InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();
        MigrationRunner runner = new MigrationRunner(
                ledger, BuiltInMigrations.all(), new SequentialIds(), clock, new RecordingSleeper(clock));
        List<Document> docs = new ArrayList<>();
        int updatable = 0;
        for (int i = 0; i < documents; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (i >= withoutTopic) {
                fields.put("topic", "t");
                updatable++;
            }
            docs.add(new Document(String.format("q%03d", i), fields, T0));
        }
        ledger.importDocuments("questions", docs);
        UUID run = ((RunMigrations.Started.Planned)
                        runner.start(new RunMigrations.Start("remove-question-topic", false, batchSize)))
                .run()
                .id();
        List<RunMigrations.Progress> progress = new ArrayList<>();

        RunMigrations.RunReport report = runner.work(
                        new RunMigrations.Work(run, "w", Duration.ofSeconds(1)), progress::add)
                .orElseThrow();

        int batches = (documents + batchSize - 1) / batchSize;
        assertThat(report.done()).isTrue();
        assertThat(report.remainingEstimate()).isZero();
        assertThat(report.stats().processed()).isEqualTo(documents);
        assertThat(report.stats().updated()).isEqualTo(updatable);
        assertThat(report.batches()).containsEntry(BatchState.COMPLETED, batches);
        assertThat(report.totalBatches()).isEqualTo(batches);
        assertThat(progress)
                .extracting(RunMigrations.Progress::batchesDone)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, batches).boxed().toList());
        for (int i = 0; i < progress.size(); i++) {
            assertThat(progress.get(i).workerStats().processed()).isEqualTo(Math.min(documents, (i + 1) * batchSize));
        }
        assertThat(runner.troubles(run)).contains(List.of());
    }
}
