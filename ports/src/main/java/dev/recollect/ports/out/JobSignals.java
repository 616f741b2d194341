package dev.recollect.ports.out;

import dev.recollect.domain.JobId;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Signals between the processes that share a job store: a job became claimable, or a job was cancelled. With
 * PostgreSQL these are LISTEN/NOTIFY; a deployment without them polls.
 */
public interface JobSignals extends AutoCloseable {
    /**
     * Waits until a job may have become claimable, or {@code timeout} passes, whichever is first.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void awaitWork(Duration timeout) throws InterruptedException;

    /**
     * Calls {@code listener} with the id of every job cancelled from now on, on a thread of the implementation.
     *
     * @return a handle whose {@code close} stops the calls
     */
    AutoCloseable onCancelled(Consumer<JobId> listener);

    /** Stops listening and frees what the signals hold. */
    @Override
    void close();

    /** No signals: waiting is sleeping for the timeout, and cancellations are found by polling. */
    static JobSignals polling(Sleeper sleeper) {
        return new JobSignals() {
            @Override
            public void awaitWork(Duration timeout) throws InterruptedException {
                sleeper.sleep(timeout);
            }

            @Override
            public AutoCloseable onCancelled(Consumer<JobId> listener) {
                return () -> {};
            }

            @Override
            public void close() {}
        };
    }
}
