package dev.recollect.domain.failure;

import dev.recollect.domain.DomainException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * When to retry a retryable failure inside a job: exponential backoff with full jitter (a uniform delay between 0
 * and the exponential cap), or the provider's own retry-after when it gave one, for at most {@code maxAttempts}
 * attempts in all.
 *
 * @param maxAttempts attempts in all, the first included; at least 1
 * @param baseDelay the cap of the first retry's delay
 * @param maxDelay the largest delay
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    /** Three attempts, starting at one second, at most a minute. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** Checks the fields; messages name them. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new DomainException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay == null || baseDelay.isNegative() || maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
            throw new DomainException(
                    "baseDelay must be >= 0 and maxDelay >= baseDelay, got " + baseDelay + " and " + maxDelay);
        }
    }

    /** The decision after a failed attempt. */
    public sealed interface Decision {
        /**
         * The value of the function for this decision; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param retryAfter for {@link RetryAfter}
         * @param giveUp for {@link GiveUp}
         */
        <R> R fold(Function<RetryAfter, R> retryAfter, Function<GiveUp, R> giveUp);

        /**
         * Try again after {@code delay}.
         *
         * @param delay how long to wait
         */
        record RetryAfter(Duration delay) implements Decision {
            @Override
            public <R> R fold(Function<RetryAfter, R> retryAfter, Function<GiveUp, R> giveUp) {
                return retryAfter.apply(this);
            }
        }

        /** Stop: the failure is not retryable, or the attempts are used up. */
        record GiveUp() implements Decision {
            @Override
            public <R> R fold(Function<RetryAfter, R> retryAfter, Function<GiveUp, R> giveUp) {
                return giveUp.apply(this);
            }
        }
    }

    /**
     * Decides what to do after attempt number {@code attempt} (1-based) failed with {@code error}.
     *
     * @param providerRetryAfter the delay the provider asked for, if any; it wins over the backoff, capped at
     *     {@code maxDelay}
     * @param random the seeded source of the jitter
     */
    public Decision afterFailure(
            int attempt, JobError error, Optional<Duration> providerRetryAfter, RandomGenerator random) {
        if (!error.retryable() || attempt >= maxAttempts) {
            return new Decision.GiveUp();
        }
        if (providerRetryAfter.isPresent()) {
            Duration asked = providerRetryAfter.get();
            return new Decision.RetryAfter(asked.compareTo(maxDelay) > 0 ? maxDelay : asked);
        }
        return new Decision.RetryAfter(
                Duration.ofMillis(random.nextLong(cap(attempt).toMillis() + 1)));
    }

    /** The upper bound of the delay after attempt {@code attempt}: base × 2^(attempt−1), at most the maximum. */
    Duration cap(int attempt) {
        int shift = Math.min(attempt - 1, 30);
        long millis = baseDelay.toMillis() << shift;
        return millis < 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
    }
}
