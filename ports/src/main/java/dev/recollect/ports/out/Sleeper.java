package dev.recollect.ports.out;

import java.time.Duration;

/** Waits between retries; injected so that tests never sleep. */
@FunctionalInterface
public interface Sleeper {
    /** Waits for {@code duration}; an interrupt ends the wait early. */
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing: {@link Thread#sleep}. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
