package dev.recollect.adapters.jdbi;

import dev.recollect.adapters.jdbi.testing.ClassDatabase;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.testing.JobStoreProperties;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The job store's properties on PostgreSQL, with fewer tries: every try works with learners, addresses and buckets of
 * its own, so the tries share one database.
 */
@PropertyDefaults(tries = 25)
class JdbiJobStorePropertiesIT extends JobStoreProperties {
    private static final ClassDatabase DATABASE = new ClassDatabase(JdbiJobStorePropertiesIT.class);

    @AfterContainer
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Override
    protected Persistence stores() {
        return DATABASE.persistence();
    }
}
