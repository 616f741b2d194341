package dev.recollect.ports.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The ready-made implementations that the ports ship for deployments without anything better. */
class PortDefaultsTest {
    @Test
    void randomIdsAreVersionFourAndDistinct() {
        IdGenerator ids = IdGenerator.random();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            UUID id = ids.next();
            assertThat(id.version()).isEqualTo(4);
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void theSystemSleeperReturnsAtOnceForNoWait_andAnInterruptedThreadDoesNotSleep() throws InterruptedException {
        Sleeper.system().sleep(Duration.ZERO);
        assertThat(Sleeper.system()).isNotNull();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofMillis(1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted())
                .as("the interrupt was taken by the sleep")
                .isFalse();
    }

    /** A schema is current exactly when it has a version and no migration is pending. */
    @SeededProperty
    void aSchemaIsCurrentExactlyWhenVersionedAndNothingIsPending(
            @ForAll @IntRange(max = 5) int pending, @ForAll boolean versioned) {
        Persistence.Schema schema = new Persistence.Schema(versioned ? "12" : null, pending);
        assertThat(schema.isCurrent()).isEqualTo(versioned && pending == 0);
    }

    @Test
    void pollingSignalsWaitTheWholeTimeoutAndNeverReportCancellations() throws Exception {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        try (JobSignals signals = JobSignals.polling(sleeper)) {
            signals.awaitWork(Duration.ofSeconds(5));
            try (AutoCloseable subscription = signals.onCancelled(id -> {
                throw new AssertionError("polling signals report nothing");
            })) {
                assertThat(subscription).isNotNull();
            }
            try (AutoCloseable watch = signals.onChanged(id -> {
                throw new AssertionError("polling signals report nothing");
            })) {
                assertThat(watch).isNotNull();
            }
        }
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(Instant.EPOCH.plusSeconds(5));
    }

    @Test
    void anLlmExceptionCarriesItsTypedFailure() {
        ProviderFailure failure = new ProviderFailure.Unreachable("connection reset");
        LlmException plain = new LlmException(failure);
        assertThat(plain.providerFailure()).isEqualTo(failure);
        assertThat(plain).hasMessage("connection reset");
        IllegalStateException cause = new IllegalStateException("socket");
        assertThat(new LlmException(failure, cause)).hasCause(cause);
        assertThatThrownBy(() -> new LlmException(null)).isInstanceOf(NullPointerException.class);
    }

    /** A rule allows at least one request in a window that lasts; anything else is refused. */
    @SeededProperty
    void rateLimitRulesAreChecked(
            @ForAll @IntRange(min = -5, max = 200) int maxRequests,
            @ForAll @LongRange(min = -3600, max = 7200) long windowSeconds) {
        Duration window = Duration.ofSeconds(windowSeconds);
        if (maxRequests >= 1 && windowSeconds > 0) {
            RateLimitRule rule = new RateLimitRule("b", maxRequests, window, "m");
            assertThat(rule.maxRequests()).isEqualTo(maxRequests);
            assertThat(rule.window()).isEqualTo(window);
        } else {
            assertThatThrownBy(() -> new RateLimitRule("b", maxRequests, window, "m"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(RateLimitRule.QUESTION_GENERATION.maxRequests()).isEqualTo(100);
    }
}
