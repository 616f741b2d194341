package dev.recollect.adapters.jdbi;

import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.adapters.jdbi.testing.TestServer;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.MigrationLedger;
import dev.recollect.ports.testing.MigrationLedgerProperties;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.ActionChain;

/** The migration ledger's stateful property on PostgreSQL: the in-memory chains, fewer and shorter. */
class JdbiMigrationLedgerPropertiesIT extends MigrationLedgerProperties {
    private static TestDatabase database;
    private static MigrationLedger ledger;

    private static synchronized MigrationLedger stores() {
        if (ledger == null) {
            database = TestServer.get().newDatabase(JdbiMigrationLedgerPropertiesIT.class.getSimpleName());
            ledger = JdbiPersistence.over(database.pooled()).migrations();
        }
        return ledger;
    }

    @AfterContainer
    static synchronized void dropDatabase() {
        if (database != null) {
            TestServer.get().dropDatabase(database);
            database = null;
            ledger = null;
        }
    }

    @Override
    protected MigrationLedger ledger() {
        return stores();
    }

    @Property(tries = 15, seed = SeededProperty.SEED)
    void theLedgerFollowsTheBatchRules(@ForAll("shortChains") ActionChain<World> chain) {
        check(chain);
    }

    @Provide
    Arbitrary<ActionChain<World>> shortChains() {
        return chains(20);
    }
}
