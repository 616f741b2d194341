package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.testing.InMemoryExclusiveLocks;
import dev.recollect.ports.testing.PipelineHarness;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HousekeeperTest {
    private final PipelineHarness h = new PipelineHarness();

    @Test
    void aRoundDeletesWhatExpired_unlessAnotherProcessHoldsTheLock() {
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        h.cancel(job);
        h.clock.advance(Duration.ofDays(8));
        InMemoryExclusiveLocks locks = new InMemoryExclusiveLocks();
        try (Housekeeper housekeeper = Housekeeper.every(Duration.ZERO, h.jobs, locks)) {
            AtomicBoolean nested = new AtomicBoolean(true);
            locks.runExclusively(Housekeeper.LOCK, () -> nested.set(housekeeper.round()));
            assertThat(nested)
                    .as("another round holds the lock: this one skips")
                    .isFalse();
            assertThat(h.stores.allJobs()).hasSize(1);

            assertThat(housekeeper.round()).isTrue();
            assertThat(h.stores.allJobs()).isEmpty();
        }
    }

    @Test
    void aFailedRoundIsLoggedAndTheNextOneTriesAgain() {
        try (Housekeeper housekeeper = Housekeeper.every(
                Duration.ZERO,
                () -> {
                    throw new IllegalStateException("the store refused");
                },
                new InMemoryExclusiveLocks())) {
            assertThat(housekeeper.round()).isFalse();
        }
        assertThatThrownBy(() -> Housekeeper.every(Duration.ofSeconds(-1), h.jobs, new InMemoryExclusiveLocks()))
                .hasMessageContaining("must be >= 0");
    }

    @Test
    void aPositiveIntervalRunsRoundsOnADaemonThreadUntilClosed() throws Exception {
        java.util.concurrent.CountDownLatch rounds = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.atomic.AtomicReference<Thread> ran = new java.util.concurrent.atomic.AtomicReference<>();
        Housekeeper housekeeper = dev.recollect.ports.testing.NonDaemon.call(() -> Housekeeper.every(
                Duration.ofMillis(1),
                () -> {
                    ran.set(Thread.currentThread());
                    rounds.countDown();
                    return new dev.recollect.ports.in.CleanupJobs.Result(
                            new dev.recollect.domain.job.CleanupCounts(0, 0, 0), 0);
                },
                new InMemoryExclusiveLocks()));
        assertThat(rounds.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Thread thread = ran.get();
        assertThat(thread.getName()).isEqualTo("recollect-housekeeping");
        assertThat(thread.isDaemon()).as("it never keeps the JVM alive").isTrue();

        housekeeper.close();

        thread.join(30_000);
        assertThat(thread.isAlive()).as("closing stops the rounds").isFalse();
    }
}
