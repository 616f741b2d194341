package dev.recollect.adapters.jdbi;

import static dev.recollect.adapters.jdbi.Database.timestamp;

import dev.recollect.domain.ratelimit.SlidingWindow;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.RateLimiter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** A sliding-window log in the {@code rate_limit_events} table. */
final class JdbiRateLimiter implements RateLimiter {
    private final Database db;

    JdbiRateLimiter(Database db) {
        this.db = db;
    }

    @Override
    public Decision tryAcquire(List<String> identifiers, RateLimitRule rule, Instant now) {
        return db.inTransaction("rate limit " + rule.bucket(), handle -> {
            identifiers.forEach(id -> Database.lock(handle, "rate:" + rule.bucket() + ":" + id));
            return tryAcquire(handle, identifiers, rule, now);
        });
    }

    /** The same, inside a caller's transaction that already holds the locks it needs. */
    Decision tryAcquire(Handle handle, List<String> identifiers, RateLimitRule rule, Instant now) {
        SlidingWindow window = new SlidingWindow(rule.maxRequests(), rule.window());
        long retryAfter = 0;
        int used = 0;
        for (String identifier : identifiers) {
            // The newest maxRequests entries of the window; the last of them is the one that must leave it.
            List<Instant> recent = handle.createQuery(
                            """
                            SELECT occurred_at FROM rate_limit_events
                            WHERE bucket = :bucket AND identifier = :identifier AND occurred_at > :windowStart
                            ORDER BY occurred_at DESC LIMIT :max""")
                    .bind("bucket", rule.bucket())
                    .bind("identifier", identifier)
                    .bind("windowStart", timestamp(window.windowStart(now)))
                    .bind("max", rule.maxRequests())
                    .mapTo(OffsetDateTime.class)
                    .map(OffsetDateTime::toInstant)
                    .list();
            used = Math.max(used, recent.size());
            retryAfter = Math.max(retryAfter, window.retryAfterSeconds(recent, now));
        }
        if (retryAfter > 0) {
            return new Decision.Limited(retryAfter);
        }
        for (String identifier : identifiers) {
            handle.createUpdate("INSERT INTO rate_limit_events (bucket, identifier, occurred_at) VALUES (:b, :i, :at)")
                    .bind("b", rule.bucket())
                    .bind("i", identifier)
                    .bind("at", timestamp(now))
                    .execute();
        }
        return new Decision.Allowed(rule.maxRequests() - used - 1);
    }

    @Override
    public int deleteOlderThan(Instant before) {
        // In batches of short transactions, like the jobs' cleanup.
        int total = 0;
        while (true) {
            int deleted = db.inTransaction("delete old rate-limit events", handle -> handle.createUpdate(
                            """
                            DELETE FROM rate_limit_events WHERE ctid IN (
                                SELECT ctid FROM rate_limit_events WHERE occurred_at < :before LIMIT :batch)""")
                    .bind("before", timestamp(before))
                    .bind("batch", JdbiJobStore.CLEANUP_BATCH)
                    .execute());
            total += deleted;
            if (deleted < JdbiJobStore.CLEANUP_BATCH) {
                return total;
            }
        }
    }
}
