package dev.recollect.domain.failure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure an LLM or embedding provider reported, as a value: the adapters translate their transport's errors into
 * one of these, and {@link ErrorClassifier} turns it into an {@link ErrorCode}.
 */
public sealed interface ProviderFailure {
    /** What the provider said, for logs and for the job's message; never contains a secret. */
    String detail();

    /**
     * The provider asked us to slow down.
     *
     * @param detail what it said
     * @param retryAfter how long it asked us to wait, when it said
     */
    record RateLimited(String detail, Optional<Duration> retryAfter) implements ProviderFailure {
        /** Both required; use {@code Optional.empty()} when no delay was given. */
        public RateLimited {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * A quota that waiting a little will not restore: a daily quota asking for hours, or a tier with no quota for the
     * model at all. Failing at once beats holding a worker slot for hours.
     *
     * @param detail what the provider said
     * @param retryAfter how long it asked us to wait, when it said
     */
    record QuotaExhausted(String detail, Optional<Duration> retryAfter) implements ProviderFailure {
        /** Both required; use {@code Optional.empty()} when no delay was given. */
        public QuotaExhausted {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * The credentials were rejected.
     *
     * @param detail what the provider said
     */
    record AuthenticationFailed(String detail) implements ProviderFailure {}

    /**
     * The provider is misconfigured (an unknown model, a bad base URL) or the request was invalid.
     *
     * @param detail what the provider said
     */
    record Misconfigured(String detail) implements ProviderFailure {}

    /**
     * The provider could not be reached, answered with a transient server error, or timed out.
     *
     * @param detail what happened
     */
    record Unreachable(String detail) implements ProviderFailure {}

    /**
     * The output could not be parsed or did not match the expected schema.
     *
     * @param detail what was wrong
     */
    record InvalidOutput(String detail) implements ProviderFailure {}

    /**
     * The provider refused to produce the content (safety, recitation, a blocked prompt).
     *
     * @param detail the reason it gave
     */
    record ContentBlocked(String detail) implements ProviderFailure {}

    /**
     * The output was cut off at the token limit; items completed before the cut were kept.
     *
     * @param detail what the provider said
     */
    record Truncated(String detail) implements ProviderFailure {}
}
