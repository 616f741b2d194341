package dev.recollect.ports.testing;

import dev.recollect.domain.ratelimit.SlidingWindow;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.RateLimiter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A sliding-window log in memory. Thread-safe: one lock serialises every call. */
public final class InMemoryRateLimiter implements RateLimiter {
    private final Map<String, Deque<Instant>> log = new HashMap<>();

    @Override
    public synchronized Decision tryAcquire(List<String> identifiers, RateLimitRule rule, Instant now) {
        SlidingWindow window = new SlidingWindow(rule.maxRequests(), rule.window());
        Instant windowStart = window.windowStart(now);
        long retryAfter = 0;
        int used = 0;
        for (String identifier : identifiers) {
            Deque<Instant> entries = log.getOrDefault(key(identifier, rule), new ArrayDeque<>());
            List<Instant> newestFirst = new ArrayList<>();
            entries.descendingIterator().forEachRemaining(t -> {
                if (t.isAfter(windowStart)) {
                    newestFirst.add(t);
                }
            });
            used = Math.max(used, newestFirst.size());
            retryAfter = Math.max(retryAfter, window.retryAfterSeconds(newestFirst, now));
        }
        if (retryAfter > 0) {
            return new Decision.Limited(retryAfter);
        }
        for (String identifier : identifiers) {
            log.computeIfAbsent(key(identifier, rule), k -> new ArrayDeque<>()).addLast(now);
        }
        return new Decision.Allowed(rule.maxRequests() - used - 1);
    }

    @Override
    public synchronized int deleteOlderThan(Instant before) {
        int deleted = 0;
        for (Deque<Instant> entries : log.values()) {
            while (!entries.isEmpty() && entries.peekFirst().isBefore(before)) {
                entries.removeFirst();
                deleted++;
            }
        }
        return deleted;
    }

    private static String key(String identifier, RateLimitRule rule) {
        return rule.bucket() + "\u0000" + identifier;
    }
}
