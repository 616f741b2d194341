package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.out.RateLimiter;
import dev.recollect.ports.out.RateLimiter.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What every {@link RateLimiter} must do, as a property against a sliding-window log: each try uses a bucket and
 * identifiers of its own, so that tries can share one database.
 */
public interface RateLimiterProperties {
    /** The stores under test; called once per try. */
    Persistence stores();

    /** One request: after a gap, for a non-empty subset of three identifiers (bit i set: identifier i). */
    record Request(long gapMillis, int identifiers) {}

    @Provide
    default Arbitrary<List<Request>> requests() {
        Arbitrary<Long> gaps = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 999L, 1000L, 600_000L),
                Arbitraries.longs().between(0, 300_000));
        return Combinators.combine(gaps, Arbitraries.integers().between(1, 7))
                .as(Request::new)
                .list()
                .ofMaxSize(30);
    }

    /**
     * A request is allowed exactly when every identifier it names made fewer than the maximum in the last ten minutes,
     * and then it is recorded for each of them and says how many remain; otherwise it is refused with the wait until
     * the last identifier that limits it is allowed again (rounded up to a second), and nothing is recorded.
     */
    @SeededProperty
    default void decisionsFollowASlidingWindowPerIdentifier(
            @ForAll("requests") List<Request> requests, @ForAll @IntRange(min = 1, max = 4) int max) {
        RateLimiter limiter = stores().rateLimiter();
        Duration window = Duration.ofMinutes(10);
        RateLimitRule rule = new RateLimitRule("property-" + UUID.randomUUID(), max, window, "slow down");
        List<String> names = List.of("a:" + UUID.randomUUID(), "b:" + UUID.randomUUID(), "c:" + UUID.randomUUID());
        Map<String, List<Instant>> log = new HashMap<>();
        Instant now = T0;
        for (Request request : requests) {
            now = now.plusMillis(request.gapMillis());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if ((request.identifiers() & (1 << i)) != 0) {
                    ids.add(names.get(i));
                }
            }
            long wait = 0;
            int used = 0;
            for (String id : ids) {
                Instant start = now.minus(window);
                List<Instant> inWindow = log.getOrDefault(id, List.of()).stream()
                        .filter(t -> t.isAfter(start))
                        .sorted()
                        .toList();
                used = Math.max(used, inWindow.size());
                if (inWindow.size() >= max) {
                    long millis = Duration.between(
                                    now, inWindow.get(inWindow.size() - max).plus(window))
                            .toMillis();
                    wait = Math.max(wait, (millis + 999) / 1000);
                }
            }
            Decision expected = wait > 0 ? new Decision.Limited(wait) : new Decision.Allowed(max - used - 1);

            assertThat(limiter.tryAcquire(ids, rule, now)).isEqualTo(expected);

            if (wait == 0) {
                for (String id : ids) {
                    log.computeIfAbsent(id, k -> new ArrayList<>()).add(now);
                }
            }
        }
    }
}
