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

    @Override
    public int compareTo(PhrasingId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
