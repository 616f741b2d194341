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

    /**
     * An item's two marks.
     *
     * @param archivedAt when it was archived; {@code null} if not
     * @param deletedAt when it was deleted; {@code null} if not
     */
    record Marks(Instant archivedAt, Instant deletedAt) {}

    /** The marks after this change at {@code now}; empty when the change is already in effect. */
    java.util.Optional<Marks> applyTo(Marks current, Instant now) {
        Marks next = new Marks(archivedAt(current.archivedAt(), now), deletedAt(current.deletedAt(), now));
        return next.equals(current) ? java.util.Optional.empty() : java.util.Optional.of(next);
    }

    /** The archive mark after this change, given the current one. */
    private Instant archivedAt(Instant current, Instant now) {
        return switch (this) {
            case ARCHIVE -> current == null ? now : current;
            case UNARCHIVE -> null;
            default -> current;
        };
    }

    /** The delete mark after this change, given the current one. */
    private Instant deletedAt(Instant current, Instant now) {
        return switch (this) {
            case DELETE -> current == null ? now : current;
            case RESTORE -> null;
            default -> current;
        };
    }
}
