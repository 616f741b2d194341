package dev.recollect.ports.testing;

import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A sliding-window log in memory. Thread-safe: one lock serialises every call. */
public final class InMemoryRateLimiter implements RateLimiter {
    private final Map<String, Deque<Instant>> log = new HashMap<>();

    @Override
    public synchronized Decision tryAcquire(List<String> identifiers, RateLimitRule rule, Instant now) {
        Instant windowStart = now.minus(rule.window());
        long retryAfter = 0;
        int used = 0;
        for (String identifier : identifiers) {
            Deque<Instant> entries = log.getOrDefault(key(identifier, rule), new ArrayDeque<>());
            List<Instant> inWindow =
                    entries.stream().filter(t -> t.isAfter(windowStart)).toList();
            used = Math.max(used, inWindow.size());
            if (inWindow.size() >= rule.maxRequests()) {
                Instant oldest = inWindow.get(inWindow.size() - rule.maxRequests());
                retryAfter = Math.max(retryAfter, secondsUntil(oldest.plus(rule.window()), now));
            }
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

    /** Whole seconds from {@code now} until {@code at}, rounded up, at least 1. */
    static long secondsUntil(Instant at, Instant now) {
        long millis = Duration.between(now, at).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String key(String identifier, RateLimitRule rule) {
        return rule.bucket() + "\u0000" + identifier;
    }
}
