package dev.recollect.adapters.jdbi;

import dev.recollect.ports.testing.StoreBundle;

/** The PostgreSQL stores as the bundle the contract suites and test pipelines take. */
final class JdbiBundles {
    private JdbiBundles() {}

    static StoreBundle of(JdbiPersistence persistence) {
        return new StoreBundle(
                persistence.jobs(),
                persistence.concepts(),
                persistence.phrasings(),
                persistence.userStats(),
                persistence.rateLimiter(),
                persistence.reviews(),
                persistence.exclusiveLocks());
    }
}
