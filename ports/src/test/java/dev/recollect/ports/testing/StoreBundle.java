package dev.recollect.ports.testing;

import dev.recollect.ports.out.ConceptStore;
import dev.recollect.ports.out.ExclusiveLocks;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.PhrasingStore;
import dev.recollect.ports.out.RateLimiter;
import dev.recollect.ports.out.ReviewStore;
import dev.recollect.ports.out.UserStatsStore;

/**
 * The store ports of one backing store, for the contract suites.
 *
 * @param jobs the job store
 * @param concepts the concept store
 * @param phrasings the phrasing store
 * @param userStats the counters
 * @param rateLimiter the rate limiter
 * @param reviews the review store
 * @param exclusiveLocks the locks that keep housekeeping to one process
 */
public record StoreBundle(
        JobStore jobs,
        ConceptStore concepts,
        PhrasingStore phrasings,
        UserStatsStore userStats,
        RateLimiter rateLimiter,
        ReviewStore reviews,
        ExclusiveLocks exclusiveLocks) {
    /** A fresh in-memory bundle. */
    public static StoreBundle inMemory() {
        return new InMemoryStores().bundle();
    }
}
