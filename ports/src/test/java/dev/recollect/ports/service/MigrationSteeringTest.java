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
    void aPauseDuringThePauseBetweenBatchesIsWaitedOutUntilResumed() {
        questions(6);
        UUID run = plan(RunScope.ALL);
        sleeper.onSleep(() -> {
            int waits = sleeper.waits().size();
            if (waits == 1) {
                runner.steer(run, MigrationRun.Steer.PAUSE);
            } else if (waits == 4) {
                runner.steer(run, MigrationRun.Steer.RESUME);
            }
        });

        RunMigrations.RunReport report = work(run, Duration.ofSeconds(5), new ArrayList<>());

        assertThat(report.batches()).containsEntry(BatchState.COMPLETED, 3);
        assertThat(report.result().status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(sleeper.waits().subList(0, 4))
                .as("one poll of the pause, then three on the paused run")
                .containsOnly(MigrationRunner.STEERING_POLL);
    }

    @Test
    void anInterruptWhileWaitingOnAPausedRunEndsTheWork() {
        questions(4);
        UUID run = plan(RunScope.ALL);
        runner.steer(run, MigrationRun.Steer.PAUSE);
        MigrationRunner interrupted =
                new MigrationRunner(ledger, BuiltInMigrations.all(), new SequentialIds(), clock, duration -> {
                    throw new InterruptedException("stopping");
                });

        RunMigrations.RunReport report = interrupted
                .work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {})
                .orElseThrow();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(report.batches()).containsEntry(BatchState.PENDING, 2);
        assertThat(report.run().control()).isEqualTo(RunControl.PAUSED);
    }

    @Test
    void aCancellationWithABatchInFlightLeavesTheRunToItsLastWorkerAndCountsRetriesAsLeft() {
        questions(6);
        UUID run = plan(RunScope.ALL);
        var first =
                ledger.claim(run, "a", MigrationRunner.LEASE, clock.instant()).orElseThrow();
        ledger.fail(run, first.seq(), "a", "boom", clock.instant());
        var held =
                ledger.claim(run, "b", MigrationRunner.LEASE, clock.instant()).orElseThrow();

        runner.steer(run, MigrationRun.Steer.CANCEL);

        RunMigrations.RunReport cancelled = runner.status(run).orElseThrow();
        assertThat(cancelled.run().finishedAt()).as("a batch is in flight").isNull();
        assertThat(cancelled.done()).isFalse();
        ledger.process(held, "b", false, doc -> new dev.recollect.domain.migration.Decision.Skip("s"), clock);
        RunMigrations.RunReport after = work(run, Duration.ZERO, new ArrayList<>());
        assertThat(after.run().finishedAt()).isNotNull();
        assertThat(after.result().message()).endsWith("Cancelled with 2 batches not done.");
    }

    @Test
    void aTargetBatchTimeMakesARunAdaptiveAndOnlyCompletedBatchesSetItsPace() {
        questions(6);
        int[] failures = {1};
        InMemoryMigrationLedger flaky = new InMemoryMigrationLedger() {
            @Override
            public synchronized java.util.Optional<dev.recollect.domain.migration.MigrationBatch> processAll(
                    dev.recollect.domain.migration.MigrationBatch claimed,
                    String worker,
                    boolean dryRun,
                    java.util.function.Function<List<Document>, List<dev.recollect.domain.migration.Decision>> decide,
                    java.time.Clock now) {
                if (failures[0]-- > 0) {
                    throw new IllegalStateException("connection lost");
                }
                clock.advance(Duration.ofMillis(10));
                return super.processAll(claimed, worker, dryRun, decide, now);
            }
        };
        flaky.importDocuments("questions", ledger.documents("questions", null, 10));
        MigrationRunner own = new MigrationRunner(flaky, BuiltInMigrations.all(), new SequentialIds(), clock, sleeper);
        var planned = (RunMigrations.Started.Planned) own.start(new RunMigrations.Start(
                "remove-question-topic", false, 2, RunScope.ALL, Duration.ofMillis(100), false));
        assertThat(planned.run().adaptive()).isTrue();
        assertThat(planned.run().pace().target()).isEqualTo(Duration.ofMillis(100));
        assertThat(planned.batches()).as("planned as they are claimed").isZero();

        List<RunMigrations.Progress> steps = new ArrayList<>();
        own.work(new RunMigrations.Work(planned.run().id(), "w", Duration.ZERO), steps::add);
        assertThat(steps.get(0).batch().state()).isEqualTo(BatchState.RETRY);
        assertThat(steps.get(0).run().msPerDocument())
                .as("a failed batch sets no pace")
                .isZero();
        assertThat(steps.get(0).run().batchSize()).isEqualTo(2);
        assertThat(steps.get(1).batch().state()).isEqualTo(BatchState.COMPLETED);
        assertThat(steps.get(1).run().msPerDocument())
                .as("10 ms for 2 documents")
                .isEqualTo(5.0);
        assertThat(steps.get(1).run().batchSize())
                .as("10 ms of 100: grows, by one at this size")
                .isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        RunMigrations.RunReport done = own.work(
                        new RunMigrations.Work(planned.run().id(), "w", Duration.ZERO), p -> {})
                .orElseThrow();
        assertThat(done.stats().updated()).isEqualTo(6);
    }

    @Test
    void anUnfinishedRunCoversNothingEvenWithNothingToDo() {
        questions(2);
        RunScope empty = new RunScope("x", "y", null, null);
        assertThat(start(empty, false)).isInstanceOf(RunMigrations.Started.Planned.class);
        assertThat(start(empty, false))
                .as("planned, never worked: not finished")
                .isInstanceOf(RunMigrations.Started.Planned.class);
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
