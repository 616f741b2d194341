package dev.recollect.domain.job;

import java.util.Locale;

/** Where a job is: pending → processing → completed, failed or cancelled. */
public enum JobStatus {
    /** Created, not yet picked up by a worker. */
    PENDING,
    /** A worker is generating. */
    PROCESSING,
    /** Finished; its concepts and phrasings are saved. */
    COMPLETED,
    /** Stopped by an error; partial results are kept. */
    FAILED,
    /** Stopped by its owner; partial results are kept. */
    CANCELLED;

    /** Whether the job can no longer change: completed, failed or cancelled. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** Whether the job counts toward the per-user cap: pending or processing. */
    public boolean isActive() {
        return !isTerminal();
    }

    /** The lowercase name the reference and the CLI use. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
