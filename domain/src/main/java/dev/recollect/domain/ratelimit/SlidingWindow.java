package dev.recollect.domain.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A sliding-window log's decision: at most {@code maxRequests} in any rolling {@code window}.
 *
 * @param maxRequests requests allowed per window
 * @param window the window
 */
public record SlidingWindow(int maxRequests, Duration window) {
    /** The start of the window that ends at {@code now}; requests at or before it no longer count. */
    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /**
     * Whole seconds (rounded up, at least 1) until one more request is allowed, or 0 when it is allowed now.
     *
     * @param newestFirst the requests after {@link #windowStart}, newest first; only the first {@code maxRequests}
     *     matter
     */
    public long retryAfterSeconds(List<Instant> newestFirst, Instant now) {
        if (newestFirst.size() < maxRequests) {
            return 0;
        }
        Instant leaves = newestFirst.get(maxRequests - 1).plus(window);
        long millis = Duration.between(now, leaves).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
