package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.ports.out.ExclusiveLocks;
import dev.recollect.ports.out.Persistence;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What every {@link ExclusiveLocks} must do. */
public interface ExclusiveLocksContract {
    /** The stores under test. */
    Persistence stores();

    @Test
    default void whileOneRoundRunsUnderANameAnotherSkipsIt_andTheNextRunsAfterIt() throws Exception {
        ExclusiveLocks locks = stores().exclusiveLocks();
        String name = "contract-" + UUID.randomUUID();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> locks.runExclusively(name, () -> {
            holding.countDown();
            await(release);
        }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean ran = new AtomicBoolean();
        boolean second = CompletableFuture.supplyAsync(() -> locks.runExclusively(name, () -> ran.set(true)))
                .get(30, TimeUnit.SECONDS);
        assertThat(second).isFalse();
        assertThat(ran).isFalse();
        assertThat(locks.runExclusively("other-" + name, () -> ran.set(true)))
                .as("another name is another lock")
                .isTrue();
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();

        assertThat(locks.runExclusively(name, () -> {}))
                .as("released after the round")
                .isTrue();
    }

    @Test
    default void aRoundThatThrowsStillReleasesTheLock() {
        ExclusiveLocks locks = stores().exclusiveLocks();
        String name = "contract-" + UUID.randomUUID();
        assertThatThrownBy(() -> locks.runExclusively(name, () -> {
                    throw new IllegalStateException("the round failed");
                }))
                .hasMessageContaining("the round failed");
        assertThat(locks.runExclusively(name, () -> {})).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
