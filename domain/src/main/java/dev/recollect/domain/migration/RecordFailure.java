package dev.recollect.domain.migration;

import java.util.Objects;

/**
 * A document that could not be migrated.
 *
 * @param recordId its id
 * @param error why
 */
public record RecordFailure(String recordId, String error) {
    /** Checks the fields. */
    public RecordFailure {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(error, "error");
    }
}
