package dev.recollect.adapters.jdbi;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.testing.ExclusiveLocksContract;
import dev.recollect.ports.testing.JobClaimContract;
import dev.recollect.ports.testing.JobReportsContract;
import dev.recollect.ports.testing.JobStoreContract;
import dev.recollect.ports.testing.LibraryStoreContract;
import dev.recollect.ports.testing.RateLimiterContract;
import dev.recollect.ports.testing.ReviewStoreContract;

/** The PostgreSQL stores pass the same contract suites as the in-memory ones. */
@PostgresTest
class JdbiStoresIT
        implements JobStoreContract,
                JobClaimContract,
                JobReportsContract,
                LibraryStoreContract,
                RateLimiterContract,
                ReviewStoreContract,
                ExclusiveLocksContract {
    private final Persistence stores;

    JdbiStoresIT(TestDatabase database) {
        stores = JdbiPersistence.over(database.pooled());
    }

    @Override
    public Persistence stores() {
        return stores;
    }
}
