package dev.recollect.adapters.jdbi;

import dev.recollect.ports.out.RecollectException;

/** A database operation failed; the cause is JDBI's or the driver's exception. */
public final class PersistenceException extends RecollectException {
    private static final long serialVersionUID = 1L;

    PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
