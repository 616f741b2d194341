package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.ports.out.Persistence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory stores pass the contracts that the PostgreSQL adapter passes. */
class InMemoryStoresTest
        implements JobStoreContract,
                JobClaimContract,
                JobReportsContract,
                LibraryStoreContract,
                RateLimiterContract,
                ReviewStoreContract,
                ExclusiveLocksContract {
    private final Persistence stores = new InMemoryStores();

    @Override
    public Persistence stores() {
        return stores;
    }

    /** The fake's stand-in for {@code percentile_cont}, at the edges the contract's fixture does not reach. */
    @Test
    void percentilesInterpolateAsPostgresDoes() {
        assertThat(InMemoryStores.percentile(List.of(), 0.5)).isNull();
        assertThat(InMemoryStores.percentile(List.of(5L), 0.95)).isEqualTo(5L);
        assertThat(InMemoryStores.percentile(List.of(100L, 10L, 40L), 0.95)).isEqualTo(94L);
    }
}
