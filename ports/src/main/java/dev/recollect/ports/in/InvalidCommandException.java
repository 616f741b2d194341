package dev.recollect.ports.in;

import dev.recollect.ports.out.RecollectException;
import java.util.List;

/** A command or query broke its constraints; the message names each field and what is wrong with it. */
public final class InvalidCommandException extends RecollectException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Each violation as {@code field: problem}, sorted. */
    private final List<String> violations;

    /** An exception listing {@code violations}, each as {@code field: problem}. */
    public InvalidCommandException(List<String> violations) {
        super(String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    /** Each violation as {@code field: problem}, sorted. */
    public List<String> violations() {
        return violations;
    }
}
