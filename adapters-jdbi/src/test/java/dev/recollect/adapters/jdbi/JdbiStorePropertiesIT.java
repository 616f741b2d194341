package dev.recollect.adapters.jdbi;

import dev.recollect.adapters.jdbi.testing.ClassDatabase;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.testing.JobStoreProperties;
import dev.recollect.ports.testing.LearnerParameterStoreProperties;
import dev.recollect.ports.testing.LibraryStoreProperties;
import dev.recollect.ports.testing.RateLimiterProperties;
import dev.recollect.ports.testing.ReviewStoreProperties;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The stores' properties on PostgreSQL, with fewer tries: every try works with learners, addresses and buckets of its
 * own, so the tries share one database.
 */
@PropertyDefaults(tries = 25)
class JdbiStorePropertiesIT extends JobStoreProperties
        implements RateLimiterProperties,
                LibraryStoreProperties,
                ReviewStoreProperties,
                LearnerParameterStoreProperties {
    private static final ClassDatabase DATABASE = new ClassDatabase(JdbiStorePropertiesIT.class);

    @AfterContainer
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Override
    public Persistence stores() {
        return DATABASE.persistence();
    }
}
