package dev.recollect.ports.out;

import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.failure.ReportsProviderFailure;
import java.util.Objects;

/** A provider (LLM or embedder) failed; the typed {@link ProviderFailure} says how. */
public class LlmException extends RecollectException implements ReportsProviderFailure {
    private static final long serialVersionUID = 1L;

    private final transient ProviderFailure failure;

    /** A failure with its typed description; the message is the failure's detail. */
    public LlmException(ProviderFailure failure) {
        super(Objects.requireNonNull(failure, "failure").detail());
        this.failure = failure;
    }

    /** A failure with its typed description and technical cause. */
    public LlmException(ProviderFailure failure, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").detail(), cause);
        this.failure = failure;
    }

    @Override
    public ProviderFailure providerFailure() {
        return failure;
    }
}
