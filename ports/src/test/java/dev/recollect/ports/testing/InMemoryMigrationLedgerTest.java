package dev.recollect.ports.testing;

class InMemoryMigrationLedgerTest implements MigrationLedgerContract {
    private final InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();

    @Override
    public dev.recollect.ports.out.MigrationLedger ledger() {
        return ledger;
    }
}
