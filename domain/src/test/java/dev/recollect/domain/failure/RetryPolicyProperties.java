package dev.recollect.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.failure.RetryPolicy.Decision;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryPolicyProperties {
    private static final JobError RETRYABLE = new JobError(ErrorCode.NETWORK, "down", true);
    private static final JobError FINAL = new JobError(ErrorCode.API_KEY, "bad key", false);

    @SeededProperty
    void delaysStayUnderTheExponentialCap(
            @ForAll @IntRange(min = 1, max = 40) int attempt, @ForAll @LongRange(min = 0) long seed) {
        RetryPolicy policy = new RetryPolicy(100, Duration.ofSeconds(1), Duration.ofMinutes(1));
        Decision decision = policy.afterFailure(attempt, RETRYABLE, Optional.empty(), new SplittableRandom(seed));
        Duration cap = Duration.ofMillis(Math.min(60_000L, 1000L << Math.min(attempt - 1, 30)));
        assertThat(decision).isInstanceOfSatisfying(Decision.RetryAfter.class, retry -> assertThat(retry.delay())
                .isBetween(Duration.ZERO, cap));
    }

    @Provide
    Arbitrary<RetryPolicy> policies() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 10),
                        Arbitraries.longs().between(0, 5_000),
                        Arbitraries.longs().between(0, 600_000))
                .as((attempts, base, extra) ->
                        new RetryPolicy(attempts, Duration.ofMillis(base), Duration.ofMillis(base + extra)));
    }

    /** The jitter comes only from the seeded source: the same seed gives the same decision. */
    @SeededProperty
    void theSameSeedGivesTheSameDelays(
            @ForAll("policies") RetryPolicy policy,
            @ForAll @IntRange(min = 1, max = 12) int attempt,
            @ForAll long seed) {
        Decision a = policy.afterFailure(attempt, RETRYABLE, Optional.empty(), new SplittableRandom(seed));
        Decision b = policy.afterFailure(attempt, RETRYABLE, Optional.empty(), new SplittableRandom(seed));
        assertThat(a).isEqualTo(b);
    }

    /** A retry-after the provider asked for wins over the backoff, up to the maximum delay. */
    @SeededProperty
    void theProvidersRetryAfterWinsUpToTheMaximum(
            @ForAll("policies") RetryPolicy policy,
            @ForAll @LongRange(min = 0, max = 100_000_000) long askedMillis,
            @ForAll long seed) {
        Assume.that(policy.maxAttempts() > 1);
        Duration asked = Duration.ofMillis(askedMillis);
        assertThat(policy.afterFailure(1, RETRYABLE, Optional.of(asked), new SplittableRandom(seed)))
                .isEqualTo(new Decision.RetryAfter(asked.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : asked));
    }

    /** A failure that is not retryable, or the last attempt's, gives up; any other is retried. */
    @SeededProperty
    void givesUpOnFinalErrorsAndAfterTheLastAttempt(
            @ForAll("policies") RetryPolicy policy,
            @ForAll @IntRange(min = 1, max = 12) int attempt,
            @ForAll boolean retryable,
            @ForAll("hints") Optional<Duration> hint) {
        Decision decision = policy.afterFailure(attempt, retryable ? RETRYABLE : FINAL, hint, new SplittableRandom(1));
        assertThat(decision instanceof Decision.GiveUp).isEqualTo(!retryable || attempt >= policy.maxAttempts());
    }

    @Provide
    Arbitrary<Optional<Duration>> hints() {
        return Arbitraries.longs().between(0, 10_000).map(Duration::ofMillis).optional();
    }

    /** The cap doubles from the base delay with each attempt until it reaches the maximum, and stays there. */
    @SeededProperty
    void theCapDoublesFromTheBase(@ForAll("policies") RetryPolicy policy, @ForAll @IntRange(min = 1, max = 100) int n) {
        Duration cap = policy.cap(n);
        java.math.BigInteger doubled =
                java.math.BigInteger.valueOf(policy.baseDelay().toMillis()).shiftLeft(Math.min(n - 1, 30));
        long expected = doubled.min(
                        java.math.BigInteger.valueOf(policy.maxDelay().toMillis()))
                .longValueExact();
        assertThat(cap.toMillis()).isEqualTo(expected);
        assertThat(policy.cap(n + 1)).isGreaterThanOrEqualTo(cap);
    }

    @Example
    void theDefaultIsThreeAttemptsFromOneSecondToAMinute() {
        assertThat(RetryPolicy.DEFAULT.cap(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryPolicy.DEFAULT.cap(64)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
    }

    /** No attempts, a negative or missing base, or a maximum below the base is refused, naming the field. */
    @SeededProperty
    void fieldsAreValidated(
            @ForAll @IntRange(min = -5, max = 0) int attempts,
            @ForAll @LongRange(min = -10_000, max = 10_000) long base,
            @ForAll @LongRange(min = -10_000, max = 10_000) long max) {
        assertThatThrownBy(() -> new RetryPolicy(attempts, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("maxAttempts");
        if (base < 0 || max < base) {
            assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(base), Duration.ofMillis(max)))
                    .isInstanceOf(DomainException.class)
                    .hasMessageStartingWith("baseDelay");
        } else {
            assertThat(new RetryPolicy(1, Duration.ofMillis(base), Duration.ofMillis(max)).maxDelay())
                    .isEqualTo(Duration.ofMillis(max));
        }
        assertThatThrownBy(() -> new RetryPolicy(1, null, Duration.ofSeconds(1)))
                .hasMessageStartingWith("baseDelay");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, null)).hasMessageStartingWith("baseDelay");
    }
}
