package dev.recollect.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a interaction.
 *
 * @param value the UUID
 */
public record InteractionId(UUID value) implements Comparable<InteractionId> {
    /** A non-null UUID. */
    public InteractionId {
        Objects.requireNonNull(value, "interactionId");
    }

    /** Parses the canonical text form of a UUID; the message of a failure names the id. */
    public static InteractionId parse(String text) {
        return new InteractionId(Ids.parse("interactionId", text));
    }

    /** Orders as PostgreSQL orders {@code uuid}: by the 16 bytes, unsigned (not as {@link UUID#compareTo}). */
    @Override
    public int compareTo(InteractionId other) {
        return Ids.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
