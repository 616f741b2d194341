package dev.recollect.domain.migration;

import java.util.Objects;

/**
 * A batch's keys: those after {@code after} (exclusive; {@code null} for the start) up to {@code upTo} (inclusive),
 * in the database's text order. Keyset ranges, never offsets: a row inserted behind a range does not shift the
 * others, and each range is one index range scan.
 *
 * @param after the last key of the previous range; {@code null} for the first range
 * @param upTo the last key of this range
 */
public record KeyRange(String after, String upTo) {
    /** Checks that the range has an end; the order of keys is the database's (byte order), so it is not compared. */
    public KeyRange {
        Objects.requireNonNull(upTo, "upTo");
    }

    /** The range after this one, up to {@code next}. */
    public KeyRange then(String next) {
        return new KeyRange(upTo, next);
    }
}
