package dev.recollect.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import net.jqwik.api.Example;

/** What a cleanup reports. */
class CleanupCountsTest {
    @Example
    void cleanupCountsAddUpAndAreNeverNegative() {
        assertThat(new CleanupCounts(1, 2, 3).total()).isEqualTo(6);
        assertThatThrownBy(() -> new CleanupCounts(0, -1, 0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new CleanupCounts(-1, 0, 0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new CleanupCounts(0, 0, -1)).isInstanceOf(DomainException.class);
    }
}
