package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.MigrationLedger;
import dev.recollect.ports.testing.InMemoryMigrationLedger;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.Proxies;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.SequentialIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
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
        int updatable = importQuestions(ledger, documents, withoutTopic);
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

    /** Imports {@code documents} questions, the first {@code withoutTopic} without one; returns how many have one. */
    private static int importQuestions(InMemoryMigrationLedger ledger, int documents, int withoutTopic) {
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
        return updatable;
    }

    /** What goes wrong with a batch on its first attempt. */
    enum Trouble {
        NONE,
        /** The store fails the whole batch: it is retried after a backoff. */
        FAILS,
        /** Another worker took the batch over: this worker's write is refused and the batch waits out its lease. */
        LOST
    }

    /**
     * Batches that fail or whose claim is lost on their first attempt are done later, by later calls to work, while
     * the others go on: every call's running totals count exactly the batches it completed, the run's troubles are the
     * batches waiting to be retried, the report after every batch says what is done and what is left, and the
     * finished run reports its first start, its last completion (whichever batch that was), the rate between them and
     * one finish time that working it again leaves unchanged.
     */
    @SeededProperty
    void batchesThatFailOrAreLostAreDoneLaterAndTheReportSaysWhen(
            @ForAll @IntRange(min = 1, max = 40) int documents,
            @ForAll @IntRange(min = 1, max = 8) int batchSize,
            @ForAll("troubles") List<Trouble> troubles) {
        MutableClock clock = new MutableClock(T0);
        InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();
        Map<Integer, Integer> attempts = new HashMap<>();
        // A batch's start is its last claim's: a batch taken over starts again.
        Map<Integer, Instant> claimedAt = new HashMap<>();
        MigrationLedger flaky = Proxies.around(MigrationLedger.class, ledger, call -> {
            if (!call.name().equals("processAll")) {
                return call.proceed();
            }
            MigrationBatch batch = (MigrationBatch) call.args()[0];
            int attempt = attempts.merge(batch.seq(), 1, Integer::sum);
            claimedAt.put(batch.seq(), clock.instant());
            Trouble trouble = attempt == 1 ? troubles.get(batch.seq() % troubles.size()) : Trouble.NONE;
            return switch (trouble) {
                case NONE -> call.proceed();
                case FAILS -> throw new IllegalStateException("the store failed batch " + batch.seq());
                case LOST -> Optional.empty();
            };
        });
        MigrationRunner runner = new MigrationRunner(
                flaky, BuiltInMigrations.all(), new SequentialIds(), clock, new RecordingSleeper(clock));
        int updatable = importQuestions(ledger, documents, 0);
        UUID run = ((RunMigrations.Started.Planned)
                        runner.start(new RunMigrations.Start("remove-question-topic", false, batchSize)))
                .run()
                .id();
        Instant lastCompletion = null;
        int completedBatches = 0;
        long completedDocuments = 0;
        RunMigrations.RunReport report = null;
        for (int call = 0; call < 12 && (report == null || !report.done()); call++) {
            List<RunMigrations.Progress> progress = new ArrayList<>();
            // The report as anyone would see it after each batch: what is left, and what is done.
            List<RunMigrations.RunReport> midway = new ArrayList<>();
            report = runner.work(new RunMigrations.Work(run, "w", Duration.ofSeconds(1)), step -> {
                        progress.add(step);
                        midway.add(runner.status(run).orElseThrow());
                    })
                    .orElseThrow();
            long completedHere = 0;
            for (int i = 0; i < progress.size(); i++) {
                RunMigrations.Progress step = progress.get(i);
                if (step.batch().state() == BatchState.COMPLETED) {
                    completedHere += step.batch().stats().processed();
                    completedBatches++;
                    completedDocuments += step.batch().stats().processed();
                    lastCompletion = step.batch().completedAt();
                }
                assertThat(step.workerStats().processed()).isEqualTo(completedHere);
                RunMigrations.RunReport seen = midway.get(i);
                assertThat(seen.remainingEstimate()).isEqualTo(documents - completedDocuments);
                assertThat(seen.batches()).containsEntry(BatchState.COMPLETED, completedBatches);
                assertThat(seen.stats().processed()).isEqualTo(completedDocuments);
                assertThat(seen.done()).isEqualTo(completedDocuments == documents);
            }
            assertThat(runner.troubles(run).orElseThrow())
                    .extracting(MigrationBatch::seq)
                    .containsExactlyInAnyOrderElementsOf(ledger.batches(run).stream()
                            .filter(b -> b.state() == BatchState.RETRY)
                            .map(MigrationBatch::seq)
                            .toList());
            clock.advance(MigrationRunner.LEASE);
        }

        assertThat(report.done()).isTrue();
        assertThat(report.stats().processed()).isEqualTo(documents);
        assertThat(report.stats().updated()).isEqualTo(updatable);
        Instant first = claimedAt.values().stream().min(Instant::compareTo).orElseThrow();
        assertThat(report.firstStartedAt()).isEqualTo(first);
        assertThat(report.lastCompletedAt()).isEqualTo(lastCompletion);
        double seconds = Duration.between(first, lastCompletion).toMillis() / 1000.0;
        assertThat(report.documentsPerSecond()).isEqualTo(seconds > 0 ? documents / seconds : 0);
        Instant finished = report.run().finishedAt();
        assertThat(finished).isNotNull();
        clock.advance(Duration.ofHours(1));
        assertThat(runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {})
                        .orElseThrow()
                        .run()
                        .finishedAt())
                .isEqualTo(finished);
    }

    @Provide
    Arbitrary<List<Trouble>> troubles() {
        return Arbitraries.of(Trouble.class).list().ofMinSize(1).ofMaxSize(6);
    }
}
