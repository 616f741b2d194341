package dev.recollect.ports.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code on a fresh thread that is not a daemon, and waits for it. A thread inherits its creator's daemon flag, and
 * a test runner's threads may be daemons: to show that the library makes its own threads daemons, create them from a
 * thread that is not one.
 */
public final class NonDaemon {
    private NonDaemon() {}

    /** Calls {@code task} on a new non-daemon thread and returns what it returned, or throws what it threw. */
    public static <T> T call(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        thread.setDaemon(false);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
