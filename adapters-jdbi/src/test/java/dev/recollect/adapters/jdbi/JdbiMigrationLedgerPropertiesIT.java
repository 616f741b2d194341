package dev.recollect.adapters.jdbi;

import dev.recollect.adapters.jdbi.testing.ClassDatabase;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.MigrationLedger;
import dev.recollect.ports.testing.MigrationDocumentsProperties;
import dev.recollect.ports.testing.MigrationLedgerProperties;
import dev.recollect.ports.testing.MigrationScopeProperties;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.ActionChain;

/** The migration ledger's properties on PostgreSQL: the in-memory chains, fewer and shorter, and fewer tries. */
@PropertyDefaults(tries = 25)
class JdbiMigrationLedgerPropertiesIT extends MigrationLedgerProperties
        implements MigrationDocumentsProperties, MigrationScopeProperties {
    private static final ClassDatabase DATABASE = new ClassDatabase(JdbiMigrationLedgerPropertiesIT.class);

    @AfterContainer
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Override
    public MigrationLedger ledger() {
        return DATABASE.persistence().migrations();
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
