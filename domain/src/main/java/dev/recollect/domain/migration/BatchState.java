package dev.recollect.domain.migration;

import java.util.Locale;

/** Where a batch is in its life, as the ledger stores it. */
public enum BatchState {
    /** Waiting for a worker. */
    PENDING,
    /** A worker holds it, until its lease runs out. */
    PROCESSING,
    /** Done; its writes and its stats committed together. */
    COMPLETED,
    /** Failed; waits for its backoff, then a worker takes it again. */
    RETRY,
    /** Used up its retries; only a forced retry brings it back. */
    FAILED;

    /** The lowercase name stored in the ledger. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state stored as {@code name}. */
    public static BatchState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
