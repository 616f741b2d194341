package dev.recollect.domain.failure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A failure an LLM or embedding provider reported, as a value: the adapters translate their transport's errors into
 * one of these, and {@link ErrorClassifier} turns it into an {@link ErrorCode}.
 */
public sealed interface ProviderFailure {
    /**
     * The value of the function for this failure; every variant has its own, so a new variant breaks
     * the build wherever one is handled.
     *
     * @param rateLimited for {@link RateLimited}
     * @param quotaExhausted for {@link QuotaExhausted}
     * @param authenticationFailed for {@link AuthenticationFailed}
     * @param misconfigured for {@link Misconfigured}
     * @param unreachable for {@link Unreachable}
     * @param invalidOutput for {@link InvalidOutput}
     * @param contentBlocked for {@link ContentBlocked}
     * @param truncated for {@link Truncated}
     */
    <R> R fold(
            Function<RateLimited, R> rateLimited,
            Function<QuotaExhausted, R> quotaExhausted,
            Function<AuthenticationFailed, R> authenticationFailed,
            Function<Misconfigured, R> misconfigured,
            Function<Unreachable, R> unreachable,
            Function<InvalidOutput, R> invalidOutput,
            Function<ContentBlocked, R> contentBlocked,
            Function<Truncated, R> truncated);

    /** What the provider said, for logs and for the job's message; never contains a secret. */
    String detail();

    /** How long the provider asked us to wait before trying again, if it said; only a limit says. */
    default Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /**
     * The provider asked us to slow down.
     *
     * @param detail what it said
     * @param retryAfter how long it asked us to wait, when it said
     */
    record RateLimited(String detail, Optional<Duration> retryAfter) implements ProviderFailure {
        @Override
        public <R> R fold(
                Function<RateLimited, R> rateLimited,
                Function<QuotaExhausted, R> quotaExhausted,
                Function<AuthenticationFailed, R> authenticationFailed,
                Function<Misconfigured, R> misconfigured,
                Function<Unreachable, R> unreachable,
                Function<InvalidOutput, R> invalidOutput,
                Function<ContentBlocked, R> contentBlocked,
                Function<Truncated, R> truncated) {
            return rateLimited.apply(this);
        }

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
        @Override
        public <R> R fold(
                Function<RateLimited, R> rateLimited,
                Function<QuotaExhausted, R> quotaExhausted,
                Function<AuthenticationFailed, R> authenticationFailed,
                Function<Misconfigured, R> misconfigured,
                Function<Unreachable, R> unreachable,
                Function<InvalidOutput, R> invalidOutput,
                Function<ContentBlocked, R> contentBlocked,
                Function<Truncated, R> truncated) {
            return quotaExhausted.apply(this);
        }

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
    record AuthenticationFailed(String detail) implements ProviderFailure {
        @Override
        public <R> R fold(
                Function<RateLimited, R> rateLimited,
                Function<QuotaExhausted, R> quotaExhausted,
                Function<AuthenticationFailed, R> authenticationFailed,
                Function<Misconfigured, R> misconfigured,
                Function<Unreachable, R> unreachable,
                Function<InvalidOutput, R> invalidOutput,
                Function<ContentBlocked, R> contentBlocked,
                Function<Truncated, R> truncated) {
            return authenticationFailed.apply(this);
        }
    }

    /**
     * The provider is misconfigured (an unknown model, a bad base URL) or the request was invalid.
     *
     * @param detail what the provider said
     */
    record Misconfigured(String detail) implements ProviderFailure {
        @Override
        public <R> R fold(
                Function<RateLimited, R> rateLimited,
                Function<QuotaExhausted, R> quotaExhausted,
                Function<AuthenticationFailed, R> authenticationFailed,
                Function<Misconfigured, R> misconfigured,
                Function<Unreachable, R> unreachable,
                Function<InvalidOutput, R> invalidOutput,
                Function<ContentBlocked, R> contentBlocked,
                Function<Truncated, R> truncated) {
            return misconfigured.apply(this);
        }
    }

    /**
     * The provider could not be reached, answered with a transient server error, or timed out.
     *
     * @param detail what happened
     */
    record Unreachable(String detail) implements ProviderFailure {
        @Override
        public <R> R fold(
                Function<RateLimited, R> rateLimited,
                Function<QuotaExhausted, R> quotaExhausted,
                Function<AuthenticationFailed, R> authenticationFailed,
                Function<Misconfigured, R> misconfigured,
                Function<Unreachable, R> unreachable,
                Function<InvalidOutput, R> invalidOutput,
                Function<ContentBlocked, R> contentBlocked,
                Function<Truncated, R> truncated) {
            return unreachable.apply(this);
        }
    }

    /**
     * The output could not be parsed or did not match the expected schema.
     *
     * @param detail what was wrong
     */
    record InvalidOutput(String detail) implements ProviderFailure {
        @Override
        public <R> R fold(
                Function<RateLimited, R> rateLimited,
                Function<QuotaExhausted, R> quotaExhausted,
                Function<AuthenticationFailed, R> authenticationFailed,
                Function<Misconfigured, R> misconfigured,
                Function<Unreachable, R> unreachable,
                Function<InvalidOutput, R> invalidOutput,
                Function<ContentBlocked, R> contentBlocked,
                Function<Truncated, R> truncated) {
            return invalidOutput.apply(this);
        }
    }

    /**
     * The provider refused to produce the content (safety, recitation, a blocked prompt).
     *
     * @param detail the reason it gave
     */
    record ContentBlocked(String detail) implements ProviderFailure {
        @Override
        public <R> R fold(
                Function<RateLimited, R> rateLimited,
                Function<QuotaExhausted, R> quotaExhausted,
                Function<AuthenticationFailed, R> authenticationFailed,
                Function<Misconfigured, R> misconfigured,
                Function<Unreachable, R> unreachable,
                Function<InvalidOutput, R> invalidOutput,
                Function<ContentBlocked, R> contentBlocked,
                Function<Truncated, R> truncated) {
            return contentBlocked.apply(this);
        }
    }

    /**
     * The output was cut off at the token limit; items completed before the cut were kept.
     *
     * @param detail what the provider said
     */
    record Truncated(String detail) implements ProviderFailure {
        @Override
        public <R> R fold(
                Function<RateLimited, R> rateLimited,
                Function<QuotaExhausted, R> quotaExhausted,
                Function<AuthenticationFailed, R> authenticationFailed,
                Function<Misconfigured, R> misconfigured,
                Function<Unreachable, R> unreachable,
                Function<InvalidOutput, R> invalidOutput,
                Function<ContentBlocked, R> contentBlocked,
                Function<Truncated, R> truncated) {
            return truncated.apply(this);
        }
    }
}
