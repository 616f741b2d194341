package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.junit.jupiter.api.Test;

/** A stateful test of one batch's ledger states: claims, completions, failures, forced retries and time passing. */
class MigrationBatchProperties {
    private static final Duration LEASE = Duration.ofMinutes(1);

    /** The batch, the clock, and how many failures the model has counted. */
    static final class World {
        MigrationBatch batch = MigrationBatch.pending(new UUID(0, 1), 0, new KeyRange(null, "k"));
        Instant now = Instant.parse("2026-11-22T00:00:00Z");
        int failures;

        void check() {
            assertThat(batch.retryCount()).isBetween(0, MigrationBatch.MAX_RETRIES);
            assertThat(batch.state() == BatchState.FAILED).isEqualTo(failures >= MigrationBatch.MAX_RETRIES);
            assertThat(batch.retryCount()).isEqualTo(Math.min(failures, MigrationBatch.MAX_RETRIES));
            if (batch.state() == BatchState.RETRY) {
                assertThat(batch.retryAfter()).isAfter(batch.lastRetryAt());
            }
        }
    }

    @SeededProperty
    void aBatchKeepsItsRulesWhateverHappens(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant(World::check).run();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(3, Action.just("claim", w -> {
                    if (w.batch.claimable(w.now)) {
                        w.batch = w.batch.claim("w1", w.now, LEASE);
                        assertThat(w.batch.heldBy("w1")).isTrue();
                        assertThat(w.batch.heldBy("w2")).isFalse();
                    } else {
                        assertThatIllegalStateException().isThrownBy(() -> w.batch.claim("w1", w.now, LEASE));
                    }
                    return w;
                }))
                .withAction(2, Action.just("fail", w -> {
                    if (w.batch.state() == BatchState.PROCESSING) {
                        w.batch = w.batch.fail("boom", w.now);
                        w.failures++;
                        assertThat(w.batch.error()).isEqualTo("boom");
                    }
                    return w;
                }))
                .withAction(1, Action.just("complete", w -> {
                    if (w.batch.state() == BatchState.PROCESSING) {
                        w.batch = w.batch.complete(BatchStats.NONE, List.of(), w.now);
                        assertThat(w.batch.claimable(w.now.plus(Duration.ofDays(9))))
                                .isFalse();
                    }
                    return w;
                }))
                .withAction(1, Action.just("force retry", w -> {
                    boolean wasFailed = w.batch.state() == BatchState.FAILED;
                    w.batch = w.batch.forceRetry();
                    if (wasFailed) {
                        w.failures = 0;
                        assertThat(w.batch.state()).isEqualTo(BatchState.PENDING);
                    }
                    return w;
                }))
                .withAction(2, new PassTime())
                .withMaxTransformations(40);
    }

    /** Seconds to minutes pass. */
    static final class PassTime implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.longs()
                    .between(1, 600)
                    .map(s -> Transformer.mutate(s + " s pass", w -> {
                        w.now = w.now.plusSeconds(s);
                    }));
        }
    }

    @Test
    void retriesBackOffExponentiallyThenFailForGood() {
        Instant t = Instant.parse("2026-11-22T00:00:00Z");
        MigrationBatch batch = MigrationBatch.pending(new UUID(0, 1), 3, new KeyRange("a", "b"));
        for (int i = 0; i < MigrationBatch.MAX_RETRIES - 1; i++) {
            batch = batch.claim("w", t, LEASE).fail("e" + i, t);
            assertThat(batch.state()).isEqualTo(BatchState.RETRY);
            assertThat(batch.retryAfter()).isEqualTo(t.plus(MigrationBatch.FIRST_BACKOFF.multipliedBy(1L << i)));
            assertThat(batch.claimable(batch.retryAfter().minusMillis(1))).isFalse();
            assertThat(batch.claimable(batch.retryAfter())).isTrue();
            t = batch.retryAfter();
        }
        batch = batch.claim("w", t, LEASE).fail("last", t);
        assertThat(batch.state()).isEqualTo(BatchState.FAILED);
        assertThat(batch.completedAt()).isEqualTo(t);
        assertThat(batch.claimable(t.plus(Duration.ofDays(1)))).isFalse();
        MigrationBatch again = batch.forceRetry();
        assertThat(again.state()).isEqualTo(BatchState.PENDING);
        assertThat(again.retryCount()).isZero();
        MigrationBatch held = again.claim("w", t, LEASE);
        assertThat(held.claimable(t.plus(LEASE))).isFalse();
        assertThat(held.claimable(t.plus(LEASE).plusMillis(1))).isTrue();
        assertThat(held.forceRetry()).isSameAs(held);
        MigrationBatch done = held.complete(new BatchStats(1, 1, Map.of(), 0), List.of(), t);
        assertThat(done.state()).isEqualTo(BatchState.COMPLETED);
        assertThat(done.stats().updated()).isEqualTo(1);
    }
}
