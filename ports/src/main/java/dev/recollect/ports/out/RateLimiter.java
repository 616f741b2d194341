package dev.recollect.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

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
         * The value of the function for this decision; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param allowed for {@link Allowed}
         * @param limited for {@link Limited}
         */
        <R> R fold(Function<Allowed, R> allowed, Function<Limited, R> limited);

        /**
         * Allowed and recorded.
         *
         * @param remaining requests left in the window for the most used identifier
         */
        record Allowed(int remaining) implements Decision {
            @Override
            public <R> R fold(Function<Allowed, R> allowed, Function<Limited, R> limited) {
                return allowed.apply(this);
            }
        }

        /**
         * Refused; nothing was recorded.
         *
         * @param retryAfterSeconds whole seconds (rounded up) until the oldest request in the window leaves it
         */
        record Limited(long retryAfterSeconds) implements Decision {
            @Override
            public <R> R fold(Function<Allowed, R> allowed, Function<Limited, R> limited) {
                return limited.apply(this);
            }
        }
    }
}
