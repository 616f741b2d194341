package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.domain.migration.RunResult;
import dev.recollect.domain.migration.RunScope;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.testing.InMemoryMigrationLedger;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.SequentialIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Steering a run while workers work on it (pause, resume, cancel), and the coverage of completed runs, through the
 * runner over the in-memory ledger. Waiting goes through the sleeper, whose hook plays the operator.
 */
class MigrationSteeringTest {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();
    private final MigrationRunner runner =
            new MigrationRunner(ledger, BuiltInMigrations.all(), new SequentialIds(), clock, sleeper);

    private void questions(int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new Document(String.format("q%04d", i), Map.of("topic", "t", "_creationTime", 1000L * i), T0));
        }
        ledger.importDocuments("questions", docs);
    }

    private RunMigrations.Started start(RunScope scope, boolean again) {
        return runner.start(new RunMigrations.Start("remove-question-topic", false, 2, scope, null, again));
    }

    private UUID plan(RunScope scope) {
        return ((RunMigrations.Started.Planned) start(scope, false)).run().id();
    }

    private RunMigrations.RunReport work(UUID run, Duration pause, List<RunMigrations.Progress> progress) {
        return runner.work(new RunMigrations.Work(run, "w", pause), progress::add)
                .orElseThrow();
    }

    @Test
    void aPausedRunHandsOutNoBatchUntilResumedAndItsWorkerWaitsForIt() {
        questions(6);
        UUID run = plan(RunScope.ALL);
        List<RunMigrations.Progress> progress = new ArrayList<>();
        sleeper.onSleep(() -> {
            // The operator resumes after the worker has waited three polls.
            if (sleeper.waits().size() == 3) {
                assertThat(runner.steer(run, MigrationRun.Steer.RESUME).orElseThrow())
                        .isInstanceOf(MigrationRun.Steering.Changed.class);
            }
        });
        List<Integer> pausedAfter = new ArrayList<>();
        RunMigrations.RunReport report = runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), step -> {
                    progress.add(step);
                    if (step.batchesDone() == 1 && !step.waitingForResume()) {
                        runner.steer(run, MigrationRun.Steer.PAUSE);
                    }
                    if (step.waitingForResume()) {
                        pausedAfter.add(ledger.batches(run).stream()
                                .filter(b -> b.state() == BatchState.COMPLETED)
                                .toList()
                                .size());
                    }
                })
                .orElseThrow();

        assertThat(pausedAfter)
                .as("one notice, after the batch in flight finished")
                .containsExactly(1);
        assertThat(sleeper.waits())
                .containsExactly(
                        MigrationRunner.STEERING_POLL, MigrationRunner.STEERING_POLL, MigrationRunner.STEERING_POLL);
        assertThat(report.done()).isTrue();
        assertThat(report.result().status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(report.stats().updated()).isEqualTo(6);
        assertThat(progress).filteredOn(p -> !p.waitingForResume()).hasSize(3);
    }

    @Test
    void aCancelledRunStopsAfterTheBatchInFlightAndSaysWhatItDid() {
        questions(8);
        UUID run = plan(RunScope.ALL);
        RunMigrations.RunReport report = runner.work(new RunMigrations.Work(run, "w", Duration.ZERO), step -> {
                    if (step.batchesDone() == 2) {
                        runner.steer(run, MigrationRun.Steer.CANCEL);
                    }
                })
                .orElseThrow();

        assertThat(report.batches()).containsEntry(BatchState.COMPLETED, 2).containsEntry(BatchState.PENDING, 2);
        assertThat(report.done()).isTrue();
        assertThat(report.run().control()).isEqualTo(RunControl.CANCELLED);
        assertThat(report.run().finishedAt()).isEqualTo(T0);
        assertThat(report.result().status()).isEqualTo(RunResult.Status.CANCELLED);
        assertThat(report.result().message())
                .isEqualTo("Updated 4 of 4 documents with remove-question-topic; 0 skipped, 0 failed."
                        + " Cancelled with 2 batches not done.");
        assertThat(ledger.documents("questions", null, 10))
                .extracting(doc -> doc.has("topic"))
                .containsExactly(false, false, false, false, true, true, true, true);
        assertThat(work(run, Duration.ZERO, new ArrayList<>()).batches())
                .as("another worker takes nothing")
                .containsEntry(BatchState.COMPLETED, 2);
        assertThat(runner.steer(run, MigrationRun.Steer.RESUME).orElseThrow())
                .isInstanceOf(MigrationRun.Steering.Refused.class);
    }

    @Test
    void aCancelledRunQueuesNoFailedBatchAgain() {
        questions(2);
        UUID run = plan(RunScope.ALL);
        for (int failure = 0; failure < dev.recollect.domain.migration.MigrationBatch.MAX_RETRIES; failure++) {
            clock.advance(Duration.ofHours(1));
            var batch = ledger.claim(run, "w", MigrationRunner.LEASE, clock.instant())
                    .orElseThrow();
            ledger.fail(run, batch.seq(), "w", "boom", clock.instant());
        }
        runner.steer(run, MigrationRun.Steer.CANCEL);

        assertThat(runner.retryFailed(run)).contains(0);
        assertThat(ledger.batches(run)).extracting(b -> b.state()).containsExactly(BatchState.FAILED);
    }

    @Test
    void aCancellationEndsThePauseBetweenBatchesAtTheNextPoll() {
        questions(6);
        UUID run = plan(RunScope.ALL);
        sleeper.onSleep(() -> runner.steer(run, MigrationRun.Steer.CANCEL));

        RunMigrations.RunReport report = work(run, Duration.ofMinutes(10), new ArrayList<>());

        assertThat(sleeper.waits()).as("one poll of the ten minutes").containsExactly(MigrationRunner.STEERING_POLL);
        assertThat(report.batches()).containsEntry(BatchState.COMPLETED, 1).containsEntry(BatchState.PENDING, 2);
        assertThat(report.result().status()).isEqualTo(RunResult.Status.CANCELLED);
    }

    @Test
    void cancellingARunWithNoBatchInFlightFinishesItAndSteeringAFinishedRunIsRefused() {
        questions(4);
        UUID run = plan(RunScope.ALL);

        assertThat(runner.steer(run, MigrationRun.Steer.PAUSE).orElseThrow())
                .isInstanceOf(MigrationRun.Steering.Changed.class);
        assertThat(runner.steer(run, MigrationRun.Steer.PAUSE).orElseThrow())
                .isInstanceOf(MigrationRun.Steering.Unchanged.class);
        assertThat(runner.steer(run, MigrationRun.Steer.CANCEL)
                        .orElseThrow()
                        .run()
                        .control())
                .isEqualTo(RunControl.CANCELLED);
        assertThat(runner.status(run).orElseThrow().run().finishedAt()).isEqualTo(T0);
        assertThat(runner.steer(run, MigrationRun.Steer.CANCEL).orElseThrow())
                .isInstanceOf(MigrationRun.Steering.Unchanged.class);
        UUID completed = plan(new RunScope("q0000", "q0001", null, null));
        work(completed, Duration.ZERO, new ArrayList<>());
        assertThat(runner.steer(completed, MigrationRun.Steer.PAUSE).orElseThrow())
                .as("a finished run takes no steering")
                .isInstanceOf(MigrationRun.Steering.Refused.class);
        assertThat(runner.steer(UUID.randomUUID(), MigrationRun.Steer.PAUSE)).isEmpty();
    }

    @Test
    void aScopeThatACompletedRunCoveredIsSkippedUnlessAgain() {
        questions(10);
        RunScope first = new RunScope("q0002", "q0007", null, null);
        UUID run = plan(first);
        RunMigrations.RunReport report = work(run, Duration.ZERO, new ArrayList<>());
        assertThat(report.stats().processed()).isEqualTo(6);

        RunScope inside = new RunScope("q0003", "q0005", Instant.ofEpochMilli(0), Instant.ofEpochMilli(9000));
        assertThat(start(inside, false))
                .isEqualTo(new RunMigrations.Started.AlreadyCovered(
                        runner.status(run).orElseThrow().run()));
        assertThat(start(new RunScope("q0002", "q0008", null, null), false))
                .as("a wider range is planned")
                .isInstanceOf(RunMigrations.Started.Planned.class);
        assertThat(start(inside, true)).as("again").isInstanceOf(RunMigrations.Started.Planned.class);
        assertThat(runner.coverage("remove-question-topic").orElseThrow())
                .extracting(MigrationRun::scope)
                .containsExactly(first);
        assertThat(runner.coverage("no-such-migration")).isEmpty();
    }

    @Test
    void dryCancelledOrFailingRunsCoverNothing() {
        questions(4);
        UUID dry = ((RunMigrations.Started.Planned) runner.start(
                        new RunMigrations.Start("remove-question-topic", true, 2, RunScope.ALL, null, false)))
                .run()
                .id();
        work(dry, Duration.ZERO, new ArrayList<>());
        UUID cancelled = plan(RunScope.ALL);
        runner.steer(cancelled, MigrationRun.Steer.CANCEL);
        ledger.importDocuments("users", List.of(new Document("u1", Map.of("_creationTime", "not a number"), T0)));
        UUID failing = ((RunMigrations.Started.Planned) runner.start(
                        new RunMigrations.Start("backfill-user-created-at", false, 2, RunScope.ALL, null, false)))
                .run()
                .id();
        assertThat(work(failing, Duration.ZERO, new ArrayList<>()).result().status())
                .isEqualTo(RunResult.Status.FAILED);

        assertThat(runner.coverage("remove-question-topic").orElseThrow()).isEmpty();
        assertThat(runner.coverage("backfill-user-created-at").orElseThrow()).isEmpty();
        assertThat(start(RunScope.ALL, false)).isInstanceOf(RunMigrations.Started.Planned.class);
    }
}
