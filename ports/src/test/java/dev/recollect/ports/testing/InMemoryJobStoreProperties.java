package dev.recollect.ports.testing;

import dev.recollect.ports.out.Persistence;

/** The job store's properties on the in-memory stores, fresh for each try. */
class InMemoryJobStoreProperties extends JobStoreProperties {
    @Override
    protected Persistence stores() {
        return new InMemoryStores();
    }
}
