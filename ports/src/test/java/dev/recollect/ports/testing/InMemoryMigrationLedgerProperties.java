package dev.recollect.ports.testing;

import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.MigrationLedger;
import net.jqwik.api.ForAll;
import net.jqwik.api.state.ActionChain;

/** The migration ledger's properties on the in-memory ledger. */
class InMemoryMigrationLedgerProperties extends MigrationLedgerProperties
        implements MigrationDocumentsProperties, MigrationScopeProperties {
    private final InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();

    @Override
    public MigrationLedger ledger() {
        return ledger;
    }

    @SeededProperty
    void theLedgerFollowsTheBatchRules(@ForAll("chains") ActionChain<World> chain) {
        check(chain);
    }
}
