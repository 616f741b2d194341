package dev.recollect.ports.out;

import java.time.Duration;
import java.util.Objects;

/**
 * A sliding-window limit: at most {@code maxRequests} in any {@code window}, per identifier.
 *
 * @param bucket the operation limited, such as {@code questionGeneration}; buckets do not share history
 * @param maxRequests requests allowed per window
 * @param window the rolling window
 * @param message what the learner is told when the limit is reached
 */
public record RateLimitRule(String bucket, int maxRequests, Duration window, String message) {
    /** The reference's limit on job creation: 100 per rolling hour. */
    public static final RateLimitRule QUESTION_GENERATION = new RateLimitRule(
            "questionGeneration",
            100,
            Duration.ofHours(1),
            "Too many question generation requests. Please try again later.");

    /** Checks the fields. */
    public RateLimitRule {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(message, "message");
        if (maxRequests < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs maxRequests >= 1 and a positive window");
        }
    }
}
