package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.domain.migration.RunResult;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.service.MigrationRunner;
import dev.recollect.ports.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Steering and pacing runs on PostgreSQL: a pause, a resume or a cancellation made by one process reaches the
 * workers of another through LISTEN/NOTIFY; a paused run's worker waits and carries on when resumed; a cancelled
 * run's worker stops after its batch; with a target batch time a slow table gets smaller batches and a fast one
 * larger, recorded in the ledger.
 */
@PostgresTest
class MigrationSteeringIT {
    private static final String TOPIC = "remove-steered-topic";

    private final JdbiPersistence persistence;

    MigrationSteeringIT(TestDatabase database) {
        this.persistence = JdbiPersistence.over(database.pooled());
    }

    /** Documents of a table of their own, each with a topic to remove. */
    private String table(int n) {
        String table = "t_" + UUID.randomUUID().toString().replace("-", "");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new Document(String.format("d%05d", i), Map.of("topic", "t"), Instant.now()));
        }
        persistence.migrations().importDocuments(table, docs);
        return table;
    }

    /** A runner as a process runs one: its own signals, the system clock. */
    private MigrationRunner runner(DocumentMigration migration, Clock clock) {
        return new MigrationRunner(
                persistence.migrations(),
                List.of(migration),
                IdGenerator.random(),
                clock,
                Metrics.NONE,
                persistence::openSignals);
    }

    private static DocumentMigration removeTopic(String table) {
        return DocumentMigration.of(
                TOPIC,
                "Removes topic.",
                table,
                doc -> doc.has("topic")
                        ? new Decision.Update(doc.without("topic"))
                        : new Decision.Skip("alreadyMigrated"));
    }

    private static UUID plan(MigrationRunner runner, int batchSize, Duration target) {
        return ((RunMigrations.Started.Planned)
                        runner.start(new RunMigrations.Start(TOPIC, false, batchSize, RunScope.ALL, target, true)))
                .run()
                .id();
    }

    @Test
    void aSteeringInOneProcessWakesTheSignalsOfAnother() throws Exception {
        MigrationRunner operator = runner(removeTopic(table(2)), Clock.systemUTC());
        UUID run = plan(operator, 1, null);
        try (JobSignals signals = persistence.openSignals()) {
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    signals.awaitSteering(Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // Pause and resume until the waiter is woken: it may not be waiting yet when the first arrives.
            for (int i = 0; i < 50 && !waiting.isDone(); i++) {
                operator.steer(run, i % 2 == 0 ? MigrationRun.Steer.PAUSE : MigrationRun.Steer.RESUME);
                try {
                    waiting.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillWaiting) {
                    // Try again.
                }
            }
            assertThat(waiting).as("woken long before its one-minute timeout").isDone();
        }
    }

    @Test
    void aPausedRunWaitsForItsResumeAndACancelledOneStopsAfterItsBatch() throws Exception {
        String table = table(12);
        MigrationRunner worker = runner(removeTopic(table), Clock.systemUTC());
        MigrationRunner operator = runner(removeTopic(table), Clock.systemUTC());
        UUID run = plan(operator, 3, null);
        List<Integer> waitedAfter = new ArrayList<>();
        CompletableFuture<RunMigrations.RunReport> working = CompletableFuture.supplyAsync(
                () -> worker.work(new RunMigrations.Work(run, "w", Duration.ZERO), step -> {
                            if (step.waitingForResume()) {
                                waitedAfter.add(step.batchesDone());
                                RunMigrations.RunReport paused =
                                        operator.status(run).orElseThrow();
                                assertThat(paused.run().control()).isEqualTo(RunControl.PAUSED);
                                assertThat(paused.batches()).containsEntry(BatchState.PROCESSING, 0);
                                operator.steer(run, MigrationRun.Steer.RESUME);
                            } else if (step.batchesDone() == 1) {
                                operator.steer(run, MigrationRun.Steer.PAUSE);
                            } else if (step.batchesDone() == 3) {
                                operator.steer(run, MigrationRun.Steer.CANCEL);
                            }
                        })
                        .orElseThrow());

        RunMigrations.RunReport report = working.get(60, TimeUnit.SECONDS);

        assertThat(waitedAfter).as("paused once, after the first batch").containsExactly(1);
        assertThat(report.batches()).containsEntry(BatchState.COMPLETED, 3).containsEntry(BatchState.PENDING, 1);
        assertThat(report.result().status()).isEqualTo(RunResult.Status.CANCELLED);
        assertThat(report.run().finishedAt()).isNotNull();
        assertThat(persistence.migrations().documents(table, null, 20))
                .filteredOn(doc -> doc.has("topic"))
                .hasSize(3);
    }

    @Test
    void aCancellationEndsALongPauseBetweenBatches() throws Exception {
        String table = table(6);
        MigrationRunner worker = runner(removeTopic(table), Clock.systemUTC());
        UUID run = plan(worker, 2, null);
        CompletableFuture<RunMigrations.RunReport> working = CompletableFuture.supplyAsync(
                () -> worker.work(new RunMigrations.Work(run, "w", Duration.ofHours(1)), step -> {
                            runner(removeTopic(table), Clock.systemUTC()).steer(run, MigrationRun.Steer.CANCEL);
                        })
                        .orElseThrow());

        RunMigrations.RunReport report = working.get(60, TimeUnit.SECONDS);

        assertThat(report.batches()).containsEntry(BatchState.COMPLETED, 1).containsEntry(BatchState.PENDING, 2);
        assertThat(report.run().finishedAt()).isNotNull();
    }

    @Test
    void aSlowTableGetsSmallerBatchesAndAFastOneLarger() {
        assertThat(paced(5.0))
                .as("5 ms a document against 100 ms a batch")
                .isSortedAccordingTo((a, b) -> b - a)
                .startsWith(100, 50, 25)
                .endsWith(20);
        List<Integer> fast = paced(0.02);
        assertThat(fast).as("0.02 ms a document").isSorted().startsWith(100, 120, 144);
        assertThat(fast.get(fast.size() - 1)).isGreaterThan(500);
    }

    /**
     * The sizes of the batches but the last of a run over 3,000 documents that each take {@code msPerDocument}, by
     * the run's clock.
     */
    private List<Integer> paced(double msPerDocument) {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
        String table = table(3000);
        DocumentMigration slow = DocumentMigration.of(TOPIC, "Removes topic, slowly.", table, doc -> {
            clock.advance(Duration.ofNanos(Math.round(msPerDocument * 1e6)));
            return new Decision.Update(doc.without("topic"));
        });
        MigrationRunner runner = runner(slow, clock);
        UUID run = plan(runner, 100, Duration.ofMillis(100));
        RunMigrations.RunReport report = runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), step -> {})
                .orElseThrow();
        assertThat(report.stats().updated()).isEqualTo(3000);
        List<MigrationBatch> batches = persistence.migrations().batches(run);
        MigrationRun stored = persistence.migrations().findRun(run).orElseThrow();
        assertThat(stored.msPerDocument())
                .as("the pace recorded")
                .isCloseTo(msPerDocument, org.assertj.core.data.Offset.offset(1e-6));
        // The last batch is what the table had left, whatever its size.
        return batches.subList(0, batches.size() - 1).stream()
                .map(batch -> batch.stats().processed())
                .toList();
    }
}
