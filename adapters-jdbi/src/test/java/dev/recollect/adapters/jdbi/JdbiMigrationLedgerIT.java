package dev.recollect.adapters.jdbi;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.ports.out.MigrationLedger;
import dev.recollect.ports.testing.MigrationLedgerContract;

/** The migration ledger contract on PostgreSQL. */
@PostgresTest
class JdbiMigrationLedgerIT implements MigrationLedgerContract {
    private final MigrationLedger ledger;

    JdbiMigrationLedgerIT(TestDatabase database) {
        this.ledger = JdbiPersistence.over(database.pooled()).migrations();
    }

    @Override
    public MigrationLedger ledger() {
        return ledger;
    }
}
