package dev.recollect.domain.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PagingTest {
    @Test
    void pageSizesFollowTheReferenceClamp() {
        assertThat(PageRequest.of(null, null).size()).isEqualTo(25);
        assertThat(PageRequest.of(1, null).size()).isEqualTo(10);
        assertThat(PageRequest.of(500, null).size()).isEqualTo(100);
        assertThat(PageRequest.of(40, null).after()).isEmpty();
        assertThatThrownBy(() -> PageRequest.of(0, null)).hasMessage("limit must be a positive number, got 0");
        assertThatThrownBy(() -> PageRequest.of(-5, null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PageRequest(9, Optional.empty())).hasMessageStartingWith("page size must be");
        assertThat(new PageRequest(10, null).after()).isEmpty();
    }

    @SeededProperty
    void cursorsRoundTrip(
            @ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll long high,
            @ForAll long low) {
        Cursor cursor = new Cursor(Instant.ofEpochSecond(seconds, nanos), new UUID(high, low));
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void aForeignCursorIsAClearError() {
        for (String bad : List.of("", "!!!", "bm90IGEgY3Vyc29y", "MjAyNC0wMS0wMVQwMDowMDowMFp8eA")) {
            assertThatThrownBy(() -> Cursor.decode(bad))
                    .isInstanceOf(DomainException.class)
                    .hasMessageStartingWith("cursor is not one this system issued");
        }
    }

    @Test
    void aPageWithoutNextIsDone() {
        Page<String> last = new Page<>(List.of("a"), Optional.empty());
        assertThat(last.isDone()).isTrue();
        Cursor next = new Cursor(Instant.EPOCH, new UUID(0, 1));
        assertThat(new Page<>(List.of("a"), Optional.of(next)).isDone()).isFalse();
    }
}
