package dev.recollect.domain.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.testing.SeededProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class PagingProperties {
    /** A page size defaults to 25, is clamped to 10–100, and a size below 1 is refused. */
    @SeededProperty
    void pageSizesFollowTheReferenceClamp(@ForAll @IntRange(min = -1000, max = 1000) int requested) {
        if (requested < 1) {
            assertThatThrownBy(() -> PageRequest.of(requested, null))
                    .isInstanceOf(DomainException.class)
                    .hasMessage("limit must be a positive number, got " + requested);
        } else {
            PageRequest page = PageRequest.of(requested, null);
            assertThat(page.size()).isEqualTo(Math.max(10, Math.min(100, requested)));
            assertThat(page.after()).isEmpty();
        }
    }

    @Example
    void theDefaultSizeIsTwentyFive_andAPageRequestChecksItsSize() {
        assertThat(PageRequest.of(null, null).size()).isEqualTo(25);
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

    /**
     * A cursor reads only what this system wrote: any text either is refused with a clear error, or reads as the
     * cursor whose encoding it is.
     */
    @SeededProperty
    void onlyIssuedCursorsRead(@ForAll("texts") String text) {
        try {
            Cursor cursor = Cursor.decode(text);
            assertThat(cursor.encode()).isEqualTo(text);
        } catch (DomainException e) {
            assertThat(e).hasMessageStartingWith("cursor is not one this system issued");
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> base64 = Arbitraries.strings()
                .withCharRange('A', 'Z')
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('-', '_', '=', '!')
                .ofMaxLength(80);
        Arbitrary<String> encodedText = Arbitraries.strings()
                .ofMaxLength(60)
                .map(t -> Base64.getUrlEncoder().withoutPadding().encodeToString(t.getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(
                base64, encodedText, Arbitraries.of("", "!!!", "bm90IGEgY3Vyc29y", "MjAyNC0wMS0wMVQwMDowMDowMFp8eA"));
    }

    /** A page is done exactly when it has no next cursor. */
    @SeededProperty
    void aPageIsDoneExactlyWithoutANextCursor(@ForAll List<@AlphaChars String> items, @ForAll boolean more) {
        Optional<Cursor> next = more ? Optional.of(new Cursor(Instant.EPOCH, new UUID(0, 1))) : Optional.empty();
        assertThat(new Page<>(items, next).isDone()).isEqualTo(!more);
    }
}
