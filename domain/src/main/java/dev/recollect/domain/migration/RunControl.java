package dev.recollect.domain.migration;

import java.util.Locale;

/**
 * What an operator wants of a run: that workers take its batches, that they stop for now, or that they stop for good.
 * Workers read it before each claim, so it never cuts a batch short: a batch in flight commits or rolls back whole.
 */
public enum RunControl {
    /** Workers take batches. */
    RUNNING,
    /** Workers take no batch until the run is resumed; the workers on it wait. */
    PAUSED,
    /** Workers take no more batches, ever; what the run did stays done. */
    CANCELLED;

    /** The lowercase name stored in the ledger. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The control stored as {@code name}. */
    public static RunControl fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
