package dev.recollect.ports.out;

import java.time.Instant;
import java.util.List;

/**
 * A sliding-window log of requests per identifier (a user id, an IP address) and bucket. {@link #tryAcquire}
 * checks every identifier and records the request against all of them only if each allows it, atomically.
 */
public interface RateLimiter {
    /** Records a request for every identifier if each is under {@code rule}; otherwise records nothing. */
    Decision tryAcquire(List<String> identifiers, RateLimitRule rule, Instant now);

    /** Deletes the history older than {@code before}; returns how many entries it deleted. */
    int deleteOlderThan(Instant before);

    /** What {@link #tryAcquire} decided. */
    sealed interface Decision {
        /**
         * Allowed and recorded.
         *
         * @param remaining requests left in the window for the most used identifier
         */
        record Allowed(int remaining) implements Decision {}

        /**
         * Refused; nothing was recorded.
         *
         * @param retryAfterSeconds whole seconds (rounded up) until the oldest request in the window leaves it
         */
        record Limited(long retryAfterSeconds) implements Decision {}
    }
}
