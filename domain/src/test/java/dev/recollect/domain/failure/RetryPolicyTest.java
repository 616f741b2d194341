package dev.recollect.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.failure.RetryPolicy.Decision;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
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

    @Test
    void theSameSeedGivesTheSameDelays() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        Decision a = policy.afterFailure(2, RETRYABLE, Optional.empty(), new SplittableRandom(7));
        Decision b = policy.afterFailure(2, RETRYABLE, Optional.empty(), new SplittableRandom(7));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void theProviderRetryAfterWinsUpToTheMaximum() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        assertThat(policy.afterFailure(1, RETRYABLE, Optional.of(Duration.ofSeconds(37)), new SplittableRandom(1)))
                .isEqualTo(new Decision.RetryAfter(Duration.ofSeconds(37)));
        assertThat(policy.afterFailure(1, RETRYABLE, Optional.of(Duration.ofHours(3)), new SplittableRandom(1)))
                .isEqualTo(new Decision.RetryAfter(Duration.ofMinutes(1)));
    }

    @Test
    void givesUpOnFinalErrorsAndAfterTheLastAttempt() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        assertThat(policy.afterFailure(1, FINAL, Optional.empty(), new SplittableRandom(1)))
                .isEqualTo(new Decision.GiveUp());
        assertThat(policy.afterFailure(3, RETRYABLE, Optional.empty(), new SplittableRandom(1)))
                .isEqualTo(new Decision.GiveUp());
        assertThat(policy.afterFailure(2, RETRYABLE, Optional.empty(), new SplittableRandom(1)))
                .isInstanceOf(Decision.RetryAfter.class);
    }

    @Test
    void theCapDoublesFromTheBase() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThat(policy.cap(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.cap(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.cap(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.cap(64)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fieldsAreValidated() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageStartingWith("baseDelay");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessageStartingWith("baseDelay");
        assertThatThrownBy(() -> new RetryPolicy(1, null, Duration.ofSeconds(1)))
                .hasMessageStartingWith("baseDelay");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, null)).hasMessageStartingWith("baseDelay");
    }
}
