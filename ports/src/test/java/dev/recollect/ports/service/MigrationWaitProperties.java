package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunResult;
import dev.recollect.domain.testing.SeededProperty;
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
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;

/**
 * How a worker waits and stops, as properties: the pause between batches is waited in steps of at most a poll that
 * add up to it; a run cancelled after any batch stops there, its result saying how many batches were left; a run
 * paused after any batch waits and, resumed, completes every batch exactly once.
 */
class MigrationWaitProperties {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    private record World(MigrationRunner runner, RecordingSleeper sleeper, InMemoryMigrationLedger ledger, UUID run) {}

    private static World world(int documents, int batchSize) {
        MutableClock clock = new MutableClock(T0);
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            docs.add(new Document(String.format("q%04d", i), Map.of("topic", "t"), T0));
        }
        ledger.importDocuments("questions", docs);
        MigrationRunner runner =
                new MigrationRunner(ledger, BuiltInMigrations.all(), new SequentialIds(), clock, sleeper);
        UUID run = ((RunMigrations.Started.Planned)
                        runner.start(new RunMigrations.Start("remove-question-topic", false, batchSize)))
                .run()
                .id();
        return new World(runner, sleeper, ledger, run);
    }

    @SeededProperty
    void thePauseBetweenBatchesIsWaitedInPollsThatAddUpToIt(
            @ForAll @IntRange(min = 1, max = 9) int documents, @ForAll @IntRange(max = 4_500) int pauseMs) {
        World w = world(documents, 2);
        Duration pause = Duration.ofMillis(pauseMs);

        w.runner().work(new RunMigrations.Work(w.run(), "w", pause), p -> {});

        int batches = (documents + 1) / 2;
        List<Duration> waits = w.sleeper().waits();
        assertThat(waits)
                .allSatisfy(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(MigrationRunner.STEERING_POLL));
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(pause.multipliedBy(batches));
        long polls =
                (pauseMs + MigrationRunner.STEERING_POLL.toMillis() - 1) / MigrationRunner.STEERING_POLL.toMillis();
        assertThat(waits).hasSize((int) (polls * batches));
    }

    @SeededProperty
    void aRunCancelledAfterAnyBatchStopsThereAndAPausedOneCompletesWhenResumed(
            @ForAll @IntRange(min = 1, max = 12) int documents,
            @ForAll @IntRange(min = 1, max = 6) int after,
            @ForAll boolean cancel) {
        World w = world(documents, 2);
        int batches = (documents + 1) / 2;
        w.sleeper().onSleep(() -> w.runner().steer(w.run(), MigrationRun.Steer.RESUME));
        int[] notices = {0};

        RunMigrations.RunReport report = w.runner()
                .work(new RunMigrations.Work(w.run(), "w", Duration.ZERO), step -> {
                    if (step.waitingForResume()) {
                        notices[0]++;
                    } else if (step.batchesDone() == after) {
                        w.runner().steer(w.run(), cancel ? MigrationRun.Steer.CANCEL : MigrationRun.Steer.PAUSE);
                    }
                })
                .orElseThrow();

        // A run of fewer batches than `after` is never steered.
        boolean steered = after <= batches;
        int done = cancel && steered ? after : batches;
        assertThat(report.batches()).containsEntry(BatchState.COMPLETED, done);
        assertThat(report.done()).isTrue();
        assertThat(report.run().finishedAt()).isNotNull();
        assertThat(notices[0]).as("one notice of the pause").isEqualTo(!cancel && steered ? 1 : 0);
        if (cancel && steered) {
            assertThat(report.result().status()).isEqualTo(RunResult.Status.CANCELLED);
            assertThat(report.result().message()).endsWith("Cancelled with " + (batches - done) + " batches not done.");
        } else {
            assertThat(report.result().status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(w.ledger().documents("questions", null, 20)).noneMatch(doc -> doc.has("topic"));
        }
    }
}
