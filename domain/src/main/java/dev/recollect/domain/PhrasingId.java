package dev.recollect.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a phrasing.
 *
 * @param value the UUID
 */
public record PhrasingId(UUID value) implements Comparable<PhrasingId> {
    /** A non-null UUID. */
    public PhrasingId {
        Objects.requireNonNull(value, "phrasingId");
    }

    /** Parses the canonical text form of a UUID; the message of a failure names the id. */
    public static PhrasingId parse(String text) {
        return new PhrasingId(Ids.parse("phrasingId", text));
    }

    /** Orders as PostgreSQL orders {@code uuid}: by the 16 bytes, unsigned (not as {@link UUID#compareTo}). */
    @Override
    public int compareTo(PhrasingId other) {
        return Ids.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
