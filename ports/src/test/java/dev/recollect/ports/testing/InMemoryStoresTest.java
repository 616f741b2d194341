package dev.recollect.ports.testing;

/** The in-memory stores pass the contracts that the PostgreSQL adapter passes. */
class InMemoryStoresTest
        implements JobStoreContract, JobClaimContract, LibraryStoreContract, RateLimiterContract, ReviewStoreContract {
    private final StoreBundle stores = StoreBundle.inMemory();

    @Override
    public StoreBundle stores() {
        return stores;
    }
}
