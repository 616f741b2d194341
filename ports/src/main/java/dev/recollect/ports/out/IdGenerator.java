package dev.recollect.ports.out;

import java.util.UUID;

/** Makes identifiers; injected so that tests can make predictable ones. */
@FunctionalInterface
public interface IdGenerator {
    /** A new, unique UUID. */
    UUID next();

    /** Random (version 4) UUIDs. */
    static IdGenerator random() {
        return UUID::randomUUID;
    }
}
