package dev.recollect.domain.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The sliding window: how long a caller must wait, and that the wait is exactly long enough. */
class SlidingWindowProperties {
    private static final Instant T = Instant.parse("2025-02-01T08:00:00Z");

    @Provide
    Arbitrary<List<Long>> ages() {
        return Arbitraries.longs().between(0, 7_200_000).list().ofMaxSize(8);
    }

    /**
     * Under the maximum a request is allowed now (a wait of 0). At the maximum the wait, in whole seconds rounded up,
     * is exactly long enough: after it fewer than the maximum requests are left in the window, and a second less
     * would not do.
     */
    @SeededProperty
    void theWaitIsExactlyLongEnough(
            @ForAll @IntRange(min = 1, max = 5) int max,
            @ForAll @LongRange(min = 1_000, max = 7_200_000) long windowMillis,
            @ForAll("ages") List<Long> agesMillis) {
        SlidingWindow window = new SlidingWindow(max, Duration.ofMillis(windowMillis));
        List<Instant> newestFirst = agesMillis.stream()
                .filter(age -> age < windowMillis)
                .map(T::minusMillis)
                .sorted(Comparator.reverseOrder())
                .toList();
        long wait = window.retryAfterSeconds(newestFirst, T);
        if (newestFirst.size() < max) {
            assertThat(wait).isZero();
            return;
        }
        assertThat(wait).isPositive();
        assertThat(inWindow(window, newestFirst, T.plusSeconds(wait))).isLessThan(max);
        if (wait > 1) {
            assertThat(inWindow(window, newestFirst, T.plusSeconds(wait - 1))).isGreaterThanOrEqualTo(max);
        }
    }

    /** Requests at or before the window's start no longer count. */
    private static long inWindow(SlidingWindow window, List<Instant> requests, Instant now) {
        Instant start = window.windowStart(now);
        return requests.stream().filter(r -> r.isAfter(start)).count();
    }

    @Example
    void theWaitRoundsUpToAWholeSecond() {
        SlidingWindow window = new SlidingWindow(2, Duration.ofHours(1));
        List<Instant> newestFirst = List.of(T.minusSeconds(10), T.minusMillis(1_800_500), T.minusSeconds(3000));
        // The second newest leaves the window at T − 1800.5 s + 3600 s = T + 1799.5 s: 1800 s rounded up.
        assertThat(window.retryAfterSeconds(newestFirst, T)).isEqualTo(1800);
        assertThat(window.windowStart(T)).isEqualTo(T.minus(Duration.ofHours(1)));
    }
}
