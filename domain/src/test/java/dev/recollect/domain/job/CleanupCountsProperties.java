package dev.recollect.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.testing.SeededProperty;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;

/** What a cleanup reports. */
class CleanupCountsProperties {
    /** The total is the three counts added; any negative count is refused. */
    @SeededProperty
    void cleanupCountsAddUpAndAreNeverNegative(
            @ForAll @IntRange(min = -3, max = 1000) int completed,
            @ForAll @IntRange(min = -3, max = 1000) int failed,
            @ForAll @IntRange(min = -3, max = 1000) int cancelled) {
        if (completed < 0 || failed < 0 || cancelled < 0) {
            assertThatThrownBy(() -> new CleanupCounts(completed, failed, cancelled))
                    .isInstanceOf(DomainException.class)
                    .hasMessage("cleanup counts are never negative");
        } else {
            assertThat(new CleanupCounts(completed, failed, cancelled).total())
                    .isEqualTo(completed + failed + cancelled);
        }
    }
}
