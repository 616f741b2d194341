package dev.recollect.adapters.jdbi.server;

import dev.recollect.ports.out.RecollectException;

/** A local PostgreSQL server could not be found, initialised, started or stopped. */
public class LocalPostgresException extends RecollectException {
    private static final long serialVersionUID = 1L;

    LocalPostgresException(String message) {
        super(message);
    }

    LocalPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
