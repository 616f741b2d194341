package dev.recollect.ports.testing;

import dev.recollect.ports.out.Persistence;

/** The stores' properties on the in-memory stores, fresh for each try. */
class InMemoryStoreProperties extends JobStoreProperties
        implements RateLimiterProperties,
                LibraryStoreProperties,
                ReviewStoreProperties,
                LearnerParameterStoreProperties {
    @Override
    public Persistence stores() {
        return new InMemoryStores();
    }
}
