package dev.recollect.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.failure.RetryPolicy;
import dev.recollect.domain.job.PromptCheck;
import dev.recollect.domain.migration.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Example;

/** Every sealed value's {@code fold} calls the function of its own variant, and no other. */
class FoldsTest {
    @Example
    void promptChecks() {
        List<PromptCheck> checks = List.of(
                new PromptCheck.Accepted("p"),
                new PromptCheck.TooShort(3, 1),
                new PromptCheck.TooLong(5, 9),
                new PromptCheck.ControlCharacter(0, 0));
        for (int i = 0; i < checks.size(); i++) {
            assertThat(checks.get(i).<Integer>fold(a -> 0, b -> 1, c -> 2, d -> 3))
                    .isEqualTo(i);
        }
    }

    @Example
    void retryDecisions() {
        assertThat(new RetryPolicy.Decision.RetryAfter(Duration.ZERO).<Integer>fold(r -> 0, g -> 1))
                .isZero();
        assertThat(new RetryPolicy.Decision.GiveUp().<Integer>fold(r -> 0, g -> 1))
                .isEqualTo(1);
    }

    @Example
    void migrationDecisions() {
        assertThat(new Decision.Skip("why").<Integer>fold(u -> 0, p -> 1, s -> 2, f -> 3))
                .isEqualTo(2);
        assertThat(new Decision.Fail("bad").<Integer>fold(u -> 0, p -> 1, s -> 2, f -> 3))
                .isEqualTo(3);
    }

    @Example
    void providerFailuresAndTheirRetryAfter() {
        Function<ProviderFailure, Integer> which =
                f -> f.<Integer>fold(a -> 0, b -> 1, c -> 2, d -> 3, e -> 4, g -> 5, h -> 6, i -> 7);
        List<ProviderFailure> failures = List.of(
                new ProviderFailure.RateLimited("x", Optional.of(Duration.ofSeconds(3))),
                new ProviderFailure.QuotaExhausted("x", Optional.empty()),
                new ProviderFailure.AuthenticationFailed("x"),
                new ProviderFailure.Misconfigured("x"),
                new ProviderFailure.Unreachable("x"),
                new ProviderFailure.InvalidOutput("x"),
                new ProviderFailure.ContentBlocked("x"),
                new ProviderFailure.Truncated("x"));
        for (int i = 0; i < failures.size(); i++) {
            assertThat(which.apply(failures.get(i))).isEqualTo(i);
        }
        assertThat(failures.get(0).retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(failures.get(4).retryAfter())
                .as("only a limit says when to come back")
                .isEmpty();
    }
}
