package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.Persistence;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
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

    /**
     * The fake's stand-in for {@code percentile_cont}: within the smallest and largest value, the smallest at 0 and
     * the largest at 1, never falling as the fraction grows, whatever the order of the values.
     */
    @SeededProperty
    void percentilesStayWithinTheValuesAndGrowWithTheFraction(
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 0, max = 1_000_000) Long> values,
            @ForAll @DoubleRange(min = 0, max = 1) double p,
            @ForAll @DoubleRange(min = 0, max = 1) double q) {
        long min = values.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = values.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(InMemoryStores.percentile(values, p)).isBetween(min, max);
        assertThat(InMemoryStores.percentile(values, 0)).isEqualTo(min);
        assertThat(InMemoryStores.percentile(values, 1)).isEqualTo(max);
        assertThat(InMemoryStores.percentile(values, Math.max(p, q)))
                .isGreaterThanOrEqualTo(InMemoryStores.percentile(values, Math.min(p, q)));
    }

    /** PostgreSQL's own figures at the edges the contract's fixture does not reach. */
    @Test
    void percentilesInterpolateAsPostgresDoes() {
        assertThat(InMemoryStores.percentile(List.of(), 0.5)).isNull();
        assertThat(InMemoryStores.percentile(List.of(5L), 0.95)).isEqualTo(5L);
        assertThat(InMemoryStores.percentile(List.of(100L, 10L, 40L), 0.95)).isEqualTo(94L);
    }
}
