package dev.recollect.adapters.jdbi;

import dev.recollect.adapters.jdbi.testing.ClassDatabase;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.testing.LearnerIsolationProperties;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.ActionChain;

/**
 * Learner isolation on PostgreSQL: the in-memory property's chains, fewer and shorter, on a database of their own;
 * "nothing written" is a digest of every table a learner's action can change.
 */
class JdbiLearnerIsolationIT extends LearnerIsolationProperties {
    private static final ClassDatabase DATABASE = new ClassDatabase(JdbiLearnerIsolationIT.class);

    @AfterContainer
    static void dropDatabase() {
        // Dropping closes the database's pool too.
        DATABASE.drop();
    }

    @Override
    protected Persistence persistence() {
        return DATABASE.persistence();
    }

    @Override
    protected Object snapshot() {
        return DATABASE.get().digest(TestDatabase.DATA_TABLES);
    }

    @Property(tries = 12, seed = SeededProperty.SEED)
    void eachLearnerSeesAndChangesOnlyTheirOwn(@ForAll("shortChains") ActionChain<World> chain) {
        check(chain);
    }

    @Provide
    Arbitrary<ActionChain<World>> shortChains() {
        return chains(15);
    }
}
