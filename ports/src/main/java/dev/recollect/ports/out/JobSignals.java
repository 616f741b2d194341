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

    /**
     * Calls {@code listener} with the id of every job whose status, phase or progress changes from now on, on a
     * thread of the implementation; for watching a job without polling it. Signals that cannot tell (the polling
     * kind) never call it, and a watcher then reads the job at its own, slower pace.
     *
     * @return a handle whose {@code close} stops the calls
     */
    default AutoCloseable onChanged(Consumer<JobId> listener) {
        return () -> {};
    }

    /**
     * Waits until a migration run may have been paused, resumed or cancelled, or {@code timeout} passes, whichever is
     * first. It may return early for no reason: the caller reads the run again either way. By default it waits as for
     * work, which a store that cannot tell the two apart does.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    default void awaitSteering(Duration timeout) throws InterruptedException {
        awaitWork(timeout);
    }

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
