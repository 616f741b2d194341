package dev.recollect.adapters.jdbi;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.ports.testing.ExclusiveLocksContract;
import dev.recollect.ports.testing.JobClaimContract;
import dev.recollect.ports.testing.JobStoreContract;
import dev.recollect.ports.testing.LibraryStoreContract;
import dev.recollect.ports.testing.RateLimiterContract;
import dev.recollect.ports.testing.ReviewStoreContract;
import dev.recollect.ports.testing.StoreBundle;

/** The PostgreSQL stores pass the same contract suites as the in-memory ones. */
@PostgresTest
class JdbiStoresIT
        implements JobStoreContract,
                JobClaimContract,
                LibraryStoreContract,
                RateLimiterContract,
                ReviewStoreContract,
                ExclusiveLocksContract {
    private final StoreBundle stores;

    JdbiStoresIT(TestDatabase database) {
        JdbiPersistence persistence = JdbiPersistence.over(database.pooled());
        stores = JdbiBundles.of(persistence);
    }

    @Override
    public StoreBundle stores() {
        return stores;
    }
}
