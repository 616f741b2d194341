package dev.recollect.domain.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page of results.
 *
 * @param items the items, in list order
 * @param next the cursor for the next page; empty on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<Cursor> next) {
    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }

    /** Whether this is the last page. */
    public boolean isDone() {
        return next.isEmpty();
    }
}
