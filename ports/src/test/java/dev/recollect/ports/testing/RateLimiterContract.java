package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.RateLimiter;
import dev.recollect.ports.out.RateLimiter.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimiter} must do. */
public interface RateLimiterContract {
    /** The stores under test. */
    Persistence stores();

    private RateLimitRule rule(int max) {
        return new RateLimitRule("contract-" + UUID.randomUUID(), max, Duration.ofMinutes(10), "slow down");
    }

    @Test
    default void concurrentAcquiresNeverExceedTheMaximum() throws Exception {
        RateLimitRule rule = rule(10);
        List<String> me = List.of("user:" + UUID.randomUUID());
        List<Callable<Decision>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> stores().rateLimiter().tryAcquire(me, rule, T0));
        }
        List<Decision> decisions = Concurrently.run(8, calls);
        assertThat(decisions).filteredOn(Decision.Allowed.class::isInstance).hasSize(10);
        assertThat(decisions)
                .filteredOn(Decision.Limited.class::isInstance)
                .hasSize(40)
                .containsOnly(new Decision.Limited(600));
    }

    @Test
    default void oldHistoryIsDeleted() {
        RateLimitRule rule = rule(5);
        String id = "user:" + UUID.randomUUID();
        stores().rateLimiter().tryAcquire(List.of(id), rule, T0.minus(Duration.ofDays(400)));
        stores().rateLimiter().tryAcquire(List.of(id), rule, T0.minus(Duration.ofDays(399)));
        assertThat(stores().rateLimiter().deleteOlderThan(T0.minus(Duration.ofDays(300))))
                .isGreaterThanOrEqualTo(2);
        assertThat(stores().rateLimiter().deleteOlderThan(T0.minus(Duration.ofDays(300))))
                .isZero();
    }
}
