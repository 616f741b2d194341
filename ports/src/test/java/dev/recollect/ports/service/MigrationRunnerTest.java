package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.RunResult;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.testing.InMemoryMigrationLedger;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.SequentialIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MigrationRunnerTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();
    private final MigrationRunner runner =
            new MigrationRunner(ledger, BuiltInMigrations.all(), new SequentialIds(), clock, sleeper);

    private void questions(int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("question", "Q" + i);
            if (i % 2 == 0) {
                fields.put("topic", i % 4 == 0 ? null : "science");
            }
            docs.add(new Document(String.format("q%04d", i), fields, T0));
        }
        ledger.importDocuments("questions", docs);
    }

    private RunMigrations.RunReport runToTheEnd(String name, boolean dry, int batchSize) {
        var planned = (RunMigrations.Started.Planned) runner.start(new RunMigrations.Start(name, dry, batchSize));
        return runner.work(new RunMigrations.Work(planned.run().id(), "w1", Duration.ofMillis(50)), r -> {})
                .orElseThrow();
    }

    @Test
    void aRunWalksEveryBatchAndReportsTheContract() {
        questions(25);
        List<Integer> seen = new ArrayList<>();
        var planned = (RunMigrations.Started.Planned)
                runner.start(new RunMigrations.Start("remove-question-topic", false, 10));
        assertThat(planned.batches()).isEqualTo(3);
        assertThat(planned.run().estimatedTotal()).isEqualTo(25);

        RunMigrations.RunReport report = runner.work(
                        new RunMigrations.Work(planned.run().id(), "w1", Duration.ofMillis(50)),
                        r -> seen.add(r.workerStats().processed()))
                .orElseThrow();

        assertThat(seen).containsExactly(10, 20, 25);
        assertThat(sleeper.waits())
                .containsExactly(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50));
        assertThat(report.done()).isTrue();
        assertThat(report.result().status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(report.stats().updated()).isEqualTo(13);
        assertThat(report.stats().skipped()).containsEntry("alreadyMigrated", 12);
        assertThat(report.batches()).containsEntry(BatchState.COMPLETED, 3).containsEntry(BatchState.PENDING, 0);
        assertThat(report.totalBatches()).isEqualTo(3);
        assertThat(report.remainingEstimate()).isZero();
        assertThat(report.run().finishedAt()).isNotNull();
        assertThat(ledger.documents("questions", null, 100)).noneMatch(d -> d.has("topic"));
        assertThat(runner.status(planned.run().id())).contains(report);
        assertThat(runner.list(10))
                .extracting(r -> r.id())
                .containsExactly(planned.run().id());
    }

    @Test
    void aDryRunCountsTheSameAndChangesNothing() {
        questions(25);
        List<Document> before = ledger.documents("questions", null, 100);
        RunMigrations.RunReport dry = runToTheEnd("remove-question-topic", true, 7);
        assertThat(ledger.documents("questions", null, 100)).isEqualTo(before);
        RunMigrations.RunReport real = runToTheEnd("remove-question-topic", false, 7);
        assertThat(dry.stats()).isEqualTo(real.stats());
        assertThat(dry.result().message()).startsWith("Dry run: would update 13 of 25");
        assertThat(real.result().message()).startsWith("Updated 13 of 25");
    }

    @Test
    void aFailingBatchIsRetriedLaterAndFailingDocumentsMakeItPartial() {
        questions(6);
        List<String> calls = new ArrayList<>();
        DocumentMigration flaky =
                DocumentMigration.of("flaky", "Fails one document, and throws on another", "questions", document -> {
                    calls.add(document.id());
                    if (document.id().equals("q0001")) {
                        return new Decision.Fail("no good");
                    }
                    if (document.id().equals("q0002")) {
                        throw new IllegalStateException("exploded");
                    }
                    return new Decision.Update(document.with("seen", true));
                });
        MigrationRunner own = new MigrationRunner(ledger, List.of(flaky), new SequentialIds(), clock, sleeper);
        var planned = (RunMigrations.Started.Planned) own.start(new RunMigrations.Start("flaky", false, 3));

        var report = own.work(new RunMigrations.Work(planned.run().id(), "w", Duration.ZERO), r -> {})
                .orElseThrow();

        assertThat(report.result().status()).isEqualTo(RunResult.Status.PARTIAL);
        assertThat(report.result().failures())
                .extracting(f -> f.recordId() + ": " + f.error())
                .containsExactly("q0001: no good", "q0002: IllegalStateException: exploded");
        assertThat(report.stats().updated()).isEqualTo(4);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void anInterruptDuringThePauseEndsTheWorkAfterTheBatchKeepingTheInterrupt() {
        questions(6);
        MigrationRunner own = new MigrationRunner(ledger, BuiltInMigrations.all(), new SequentialIds(), clock, d -> {
            throw new InterruptedException("shutting down");
        });
        var planned =
                (RunMigrations.Started.Planned) own.start(new RunMigrations.Start("remove-question-topic", false, 2));

        var report = own.work(new RunMigrations.Work(planned.run().id(), "w", Duration.ofSeconds(1)), r -> {})
                .orElseThrow();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(report.batches()).containsEntry(BatchState.COMPLETED, 1).containsEntry(BatchState.PENDING, 2);
        assertThat(report.done()).isFalse();
    }

    @Test
    void aBatchThatKeepsFailingGivesUpAndFailsTheRunUntilForced() {
        questions(4);
        int[] failuresLeft = {MigrationBatch.MAX_RETRIES};
        InMemoryMigrationLedger breaking = new InMemoryMigrationLedger() {
            @Override
            public synchronized java.util.Optional<MigrationBatch> processAll(
                    MigrationBatch claimed,
                    String worker,
                    boolean dryRun,
                    Function<List<Document>, List<Decision>> decide,
                    java.time.Clock now) {
                if (failuresLeft[0]-- > 0) {
                    throw new IllegalStateException("connection lost");
                }
                return super.processAll(claimed, worker, dryRun, decide, now);
            }
        };
        breaking.importDocuments("questions", ledger.documents("questions", null, 10));
        MigrationRunner own =
                new MigrationRunner(breaking, BuiltInMigrations.all(), new SequentialIds(), clock, sleeper);
        var planned =
                (RunMigrations.Started.Planned) own.start(new RunMigrations.Start("remove-question-topic", false, 10));
        UUID run = planned.run().id();
        RunMigrations.Work work = new RunMigrations.Work(run, "w", Duration.ZERO);

        List<RunMigrations.Progress> progress = new ArrayList<>();
        var first = own.work(work, progress::add).orElseThrow();
        assertThat(own.troubles(run).orElseThrow()).singleElement().satisfies(batch -> {
            assertThat(batch.state()).isEqualTo(BatchState.RETRY);
            assertThat(batch.retryCount()).isEqualTo(1);
            assertThat(batch.retryAfter()).isEqualTo(clock.instant().plus(MigrationBatch.FIRST_BACKOFF));
        });
        assertThat(progress).singleElement().satisfies(p -> {
            assertThat(p.batch().state()).isEqualTo(BatchState.RETRY);
            assertThat(p.workerStats()).isEqualTo(dev.recollect.domain.migration.BatchStats.NONE);
        });
        assertThat(first.batches()).containsEntry(BatchState.RETRY, 1);
        assertThat(first.done()).isFalse();
        for (int i = 0; i < MigrationBatch.MAX_RETRIES; i++) {
            clock.advance(Duration.ofMinutes(10));
            own.work(work, r -> {});
        }
        assertThat(own.troubles(run).orElseThrow()).singleElement().satisfies(batch -> {
            assertThat(batch.state()).isEqualTo(BatchState.FAILED);
            assertThat(batch.retryCount()).isEqualTo(MigrationBatch.MAX_RETRIES);
            assertThat(batch.error()).isEqualTo("connection lost");
            assertThat(batch.range().upTo()).isNotNull();
        });
        var given = own.status(run).orElseThrow();
        assertThat(given.batches()).containsEntry(BatchState.FAILED, 1);
        assertThat(given.result().status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(given.done()).isTrue();
        assertThat(own.retryFailed(run)).contains(1);
        var retried = own.work(work, r -> {}).orElseThrow();
        assertThat(retried.result().status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(retried.stats().updated()).isEqualTo(2);
    }

    @Test
    void unknownNamesAndRunsAreValues() {
        var unknown =
                (RunMigrations.Started.UnknownMigration) runner.start(new RunMigrations.Start("no-such", false, 10));
        assertThat(unknown.known()).contains("remove-question-topic", "backfill-user-created-at");
        UUID nobody = UUID.randomUUID();
        assertThat(runner.status(nobody)).isEmpty();
        assertThat(runner.work(new RunMigrations.Work(nobody, "w", Duration.ZERO), r -> {}))
                .isEmpty();
        assertThat(runner.retryFailed(nobody)).isEmpty();
        assertThat(runner.troubles(nobody)).isEmpty();
        assertThatThrownBy(() -> runner.start(new RunMigrations.Start("x", false, 0)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("batchSize");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MigrationRunner(
                        ledger,
                        List.of(
                                BuiltInMigrations.all().get(0),
                                BuiltInMigrations.all().get(0)),
                        new SequentialIds(),
                        clock,
                        sleeper))
                .withMessageContaining("two migrations are named remove-question-difficulty");
        assertThat(runner.available()).hasSize(5);
    }

    /**
     * For any batch size and key distribution, with documents inserted behind the cursor while the run goes on, every
     * document that existed when the run started is visited exactly once.
     */
    @SeededProperty
    void everyPreExistingDocumentIsVisitedExactlyOnce(
            @ForAll @Size(min = 1, max = 60) Set<@StringLength(min = 1, max = 4) String> keys,
            @ForAll @IntRange(min = 1, max = 15) int batchSize,
            @ForAll @Size(max = 10) List<@StringLength(min = 1, max = 4) String> insertedLater) {
        InMemoryMigrationLedger own = new InMemoryMigrationLedger();
        own.importDocuments(
                "t", keys.stream().map(k -> new Document(k, Map.of(), T0)).toList());
        Map<String, Integer> visits = new HashMap<>();
        List<String> late = new ArrayList<>(insertedLater);
        DocumentMigration counting = DocumentMigration.of("count", "Counts visits", "t", document -> {
            visits.merge(document.id(), 1, Integer::sum);
            if (!late.isEmpty()) {
                // Rows arrive while the run goes on, some of them behind the cursor.
                String key = late.remove(0);
                own.importDocuments("t", List.of(new Document(key, Map.of(), T0)));
            }
            return new Decision.Skip("counted");
        });
        MigrationRunner own2 = new MigrationRunner(own, List.of(counting), new SequentialIds(), clock, sleeper);
        var planned = (RunMigrations.Started.Planned) own2.start(new RunMigrations.Start("count", false, batchSize));
        own2.work(new RunMigrations.Work(planned.run().id(), "w", Duration.ZERO), r -> {});

        for (String key : new TreeSet<>(keys)) {
            assertThat(visits.get(key)).as(key).isEqualTo(1);
        }
        assertThat(visits.values()).allMatch(n -> n == 1);
    }
}
