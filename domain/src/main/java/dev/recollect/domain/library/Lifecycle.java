package dev.recollect.domain.library;

import java.time.Instant;

/**
 * The soft-delete changes of a concept or a phrasing. Archived and deleted are independent marks: restoring a deleted
 * item that was also archived leaves it archived, and only an item with neither mark is active.
 */
public enum Lifecycle {
    /** Hides an item from reviews, keeping it in the library. */
    ARCHIVE,
    /** Undoes {@link #ARCHIVE}. */
    UNARCHIVE,
    /** Moves an item to the bin, from which {@link #RESTORE} brings it back. */
    DELETE,
    /** Undoes {@link #DELETE}. */
    RESTORE;

    /** The archive mark after this change, given the current one. */
    Instant archivedAt(Instant current, Instant now) {
        return switch (this) {
            case ARCHIVE -> current == null ? now : current;
            case UNARCHIVE -> null;
            default -> current;
        };
    }

    /** The delete mark after this change, given the current one. */
    Instant deletedAt(Instant current, Instant now) {
        return switch (this) {
            case DELETE -> current == null ? now : current;
            case RESTORE -> null;
            default -> current;
        };
    }
}
