package dev.recollect.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a concept.
 *
 * @param value the UUID
 */
public record ConceptId(UUID value) implements Comparable<ConceptId> {
    /** A non-null UUID. */
    public ConceptId {
        Objects.requireNonNull(value, "conceptId");
    }

    /** Parses the canonical text form of a UUID; the message of a failure names the id. */
    public static ConceptId parse(String text) {
        return new ConceptId(Ids.parse("conceptId", text));
    }

    /** Orders as PostgreSQL orders {@code uuid}: by the 16 bytes, unsigned (not as {@link UUID#compareTo}). */
    @Override
    public int compareTo(ConceptId other) {
        return Ids.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
