package dev.recollect.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StatsTest {
    private static final UserId USER = new UserId("u");
    private static final Instant T = Instant.parse("2025-02-01T08:00:00Z");

    @Test
    void createdConceptsAreNewAndDue() {
        assertThat(StatsDelta.conceptsCreated(3)).isEqualTo(new StatsDelta(3, 3, 0, 0, 3));
        assertThat(StatsDelta.NONE.isEmpty()).isTrue();
        assertThat(StatsDelta.conceptsCreated(1).isEmpty()).isFalse();
        UserStats stats = UserStats.empty(USER).apply(new StatsDelta(1, 2, 3, 4, 5), T);
        assertThat(stats).isEqualTo(new UserStats(USER, 1, 2, 3, 4, 5, null, T));
        assertThatThrownBy(() -> new UserStats(null, 0, 0, 0, 0, 0, null, null)).hasMessage("userId");
    }

    @SeededProperty
    void countersNeverGoBelowZero(
            @ForAll @IntRange(min = -50, max = 50) int a,
            @ForAll @IntRange(min = -50, max = 50) int b,
            @ForAll @IntRange(min = -50, max = 50) int c,
            @ForAll @IntRange(min = -50, max = 50) int d,
            @ForAll @IntRange(min = -50, max = 50) int e) {
        UserStats start = new UserStats(USER, 10, 10, 10, 10, 10, null, null);
        UserStats next = start.apply(new StatsDelta(a, b, c, d, e), T);
        assertThat(next.totalCards()).isEqualTo(Math.max(0, 10 + a));
        assertThat(next.newCount()).isEqualTo(Math.max(0, 10 + b));
        assertThat(next.learningCount()).isEqualTo(Math.max(0, 10 + c));
        assertThat(next.matureCount()).isEqualTo(Math.max(0, 10 + d));
        assertThat(next.dueNowCount()).isEqualTo(Math.max(0, 10 + e));
        assertThat(next.lastCalculated()).isEqualTo(T);
    }
}
