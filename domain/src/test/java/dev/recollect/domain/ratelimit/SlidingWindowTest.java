package dev.recollect.domain.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    private static final Instant T = Instant.parse("2025-02-01T08:00:00Z");
    private final SlidingWindow window = new SlidingWindow(2, Duration.ofHours(1));

    @Test
    void allowsUnderTheMaximum() {
        assertThat(window.retryAfterSeconds(List.of(), T)).isZero();
        assertThat(window.retryAfterSeconds(List.of(T), T)).isZero();
        assertThat(window.windowStart(T)).isEqualTo(T.minus(Duration.ofHours(1)));
    }

    @Test
    void atTheMaximumWaitsForTheRightRequestToLeaveRoundedUp() {
        List<Instant> newestFirst = List.of(T.minusSeconds(10), T.minusMillis(1_800_500), T.minusSeconds(3000));
        // The second newest leaves the window at T − 1800.5 s + 3600 s = T + 1799.5 s: 1800 s rounded up.
        assertThat(window.retryAfterSeconds(newestFirst, T)).isEqualTo(1800);
        assertThat(window.retryAfterSeconds(
                        List.of(T, T.minus(Duration.ofHours(1)).plusMillis(1)), T))
                .isEqualTo(1);
    }
}
