package dev.recollect.domain.fsrs.optimizer;

import dev.recollect.domain.DomainException;

/** Input the optimizer cannot train on or evaluate: a bad review, an empty item, a non-finite result. */
public class OptimizerException extends DomainException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which names what was wrong. */
    public OptimizerException(String message) {
        super(message);
    }
}
