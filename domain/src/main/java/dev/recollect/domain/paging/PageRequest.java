package dev.recollect.domain.paging;

import dev.recollect.domain.DomainException;
import java.util.Optional;

/**
 * A page of a keyset-paginated list: how many items, and where the previous page stopped.
 *
 * @param size the page size, already clamped
 * @param after the cursor of the previous page's last item; empty for the first page
 */
public record PageRequest(int size, Optional<Cursor> after) {
    /** The reference's default page size. */
    public static final int DEFAULT_SIZE = 25;
    /** The smallest page. */
    public static final int MIN_SIZE = 10;
    /** The largest page. */
    public static final int MAX_SIZE = 100;

    /** Checks the size against the bounds. */
    public PageRequest {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new DomainException("page size must be " + MIN_SIZE + " to " + MAX_SIZE + ", got " + size);
        }
        after = after == null ? Optional.empty() : after;
    }

    /**
     * The reference's rule: no size gives 25; any other positive size is clamped to 10–100.
     *
     * @throws DomainException for a size below 1, which is a mistake rather than a preference
     */
    public static PageRequest of(Integer requestedSize, Cursor after) {
        int size = requestedSize == null ? DEFAULT_SIZE : requestedSize;
        if (size < 1) {
            throw new DomainException("limit must be a positive number, got " + size);
        }
        return new PageRequest(Math.max(MIN_SIZE, Math.min(MAX_SIZE, size)), Optional.ofNullable(after));
    }
}
