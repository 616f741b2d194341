package dev.recollect.domain;

import java.util.Objects;
import java.util.UUID;

/** Parsing of identifiers, shared by the ID records so that every malformed id gets the same clear message. */
final class Ids {
    private Ids() {}

    /** Compares the 16 bytes of two UUIDs as unsigned numbers, as PostgreSQL does; UUID.compareTo is signed. */
    static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    static UUID parse(String kind, String text) {
        Objects.requireNonNull(text, kind);
        try {
            // Spaces around a pasted id are forgiven; strip(), unlike trim(), keeps NUL and other controls, which are
            // not.
            String id = text.strip();
            UUID uuid = UUID.fromString(id);
            if (!uuid.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException("not canonical");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new DomainException(
                    kind + " must be a UUID like 123e4567-e89b-12d3-a456-426614174000, got " + Texts.quoted(text));
        }
    }
}
