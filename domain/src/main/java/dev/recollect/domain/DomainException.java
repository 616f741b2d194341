package dev.recollect.domain;

/**
 * The root of the exceptions the domain throws. The domain throws only for inputs that break its rules outright
 * (parameters out of range, a review dated before the last one); expected outcomes are values.
 */
public class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message says what was wrong and, where it applies, which field. */
    public DomainException(String message) {
        super(message);
    }
}
