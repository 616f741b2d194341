package dev.recollect.ports.out;

/**
 * The root of every failure Recollect throws outside the domain.
 *
 * <p>Expected outcomes (a rejected prompt, a reached cap, a rate limit) are returned as values and never thrown.
 * Exceptions under this root are reserved for failures: a database that cannot be reached, a provider that
 * answers with garbage, a bug. Adapters wrap their technology's exceptions in a subclass and keep the cause.
 */
public class RecollectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates a failure with a message for people; it never contains a secret. */
    public RecollectException(String message) {
        super(message);
    }

    /** Creates a failure that wraps its technical cause. */
    public RecollectException(String message, Throwable cause) {
        super(message, cause);
    }
}
