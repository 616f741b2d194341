package dev.recollect.ports.out;

/**
 * A store could not be reached (its connection failed, or its server restarted) even after the store's own bounded
 * retries, or it went away while committing, so that whether the change was saved is unknown. Nothing is known to
 * be wrong with the data: the caller keeps what it has and tries again once the store answers, reading back what was
 * saved rather than assuming either way. Every other failure of a store is permanent for the request.
 */
public class StoreUnavailableException extends RecollectException {
    private static final long serialVersionUID = 1L;

    /** The store is unreachable; {@code cause} says how. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
