package dev.recollect.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StatsTest {
    private static final UserId USER = new UserId("u");
    private static final Instant T = Instant.parse("2025-02-01T08:00:00Z");

    static Concept inState(State state) {
        Card card = new Card(T, state == State.NEW ? 0 : 3, state == State.NEW ? 0 : 5, 0, 1, 0, 1, 0, state, T);
        return new Concept(
                new ConceptId(new UUID(0, 1)), USER, "t", null, card, null, 1, null, null, null, T, T, null, null);
    }

    @Test
    void createdConceptsAreNew() {
        assertThat(StatsDelta.conceptsCreated(3)).isEqualTo(new StatsDelta(3, 3, 0, 0));
        assertThat(StatsDelta.NONE.isEmpty()).isTrue();
        assertThat(StatsDelta.conceptsCreated(1).isEmpty()).isFalse();
        UserStats stats = UserStats.empty(USER).apply(new StatsDelta(1, 2, 3, 4), T);
        assertThat(stats).isEqualTo(new UserStats(USER, 1, 2, 3, 4, T));
        assertThat(stats.totals()).isEqualTo(new StatsDelta(1, 2, 3, 4));
        assertThat(UserStats.of(USER, new StatsDelta(5, 1, 2, 2), T)).isEqualTo(new UserStats(USER, 5, 1, 2, 2, T));
        assertThatThrownBy(() -> new UserStats(null, 0, 0, 0, 0, null)).hasMessage("userId");
    }

    @Test
    void eachStateFeedsItsCounterAndOnlyActiveConceptsCount() {
        assertThat(StatsDelta.of(inState(State.NEW))).isEqualTo(new StatsDelta(1, 1, 0, 0));
        assertThat(StatsDelta.of(inState(State.LEARNING))).isEqualTo(new StatsDelta(1, 0, 1, 0));
        assertThat(StatsDelta.of(inState(State.RELEARNING))).isEqualTo(new StatsDelta(1, 0, 1, 0));
        assertThat(StatsDelta.of(inState(State.REVIEW))).isEqualTo(new StatsDelta(1, 0, 0, 1));
        assertThat(StatsDelta.of(inState(State.REVIEW).with(Lifecycle.ARCHIVE, T)))
                .isEqualTo(StatsDelta.NONE);
        assertThat(StatsDelta.of(inState(State.NEW).with(Lifecycle.DELETE, T))).isEqualTo(StatsDelta.NONE);
        // The reference's latent bug (gap 10): learning to relearning gave learningCount +1.
        assertThat(StatsDelta.between(inState(State.LEARNING), inState(State.RELEARNING)))
                .isEqualTo(StatsDelta.NONE);
        assertThat(StatsDelta.between(inState(State.REVIEW), inState(State.RELEARNING)))
                .isEqualTo(new StatsDelta(0, 0, 1, -1));
        assertThat(StatsDelta.between(inState(State.NEW), inState(State.NEW).with(Lifecycle.ARCHIVE, T)))
                .isEqualTo(new StatsDelta(-1, -1, 0, 0));
    }

    @Test
    void theSnapshotDerivesTheReferenceDueCounts() {
        UserStats counters = new UserStats(USER, 10, 3, 4, 3, T);
        StatsSnapshot snapshot = new StatsSnapshot(counters, new DueSnapshot(T, 5, T.plusSeconds(60)));
        assertThat(snapshot.dueCount()).isEqualTo(2);
        assertThat(snapshot.newCount()).isEqualTo(3);
        assertThat(snapshot.totalReviewable()).isEqualTo(5);
        assertThat(new StatsSnapshot(counters, new DueSnapshot(T, 1, null)).dueCount())
                .isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> new DueSnapshot(T, -1, null));
    }

    @Test
    void aReconciliationReportsDriftPerCounter() {
        UserStats cached = new UserStats(USER, 4, 0, 3, 1, T);
        UserStats recounted = new UserStats(USER, 5, 1, 3, 1, T);
        Reconciliation drifted = new Reconciliation(cached, recounted, new DueSnapshot(T, 2, null));
        assertThat(drifted.drift()).isEqualTo(new StatsDelta(1, 1, 0, 0));
        assertThat(drifted.drifted()).isTrue();
        assertThat(new Reconciliation(recounted, recounted, new DueSnapshot(T, 0, null)).drifted())
                .isFalse();
    }

    @SeededProperty
    void countersNeverGoBelowZero(
            @ForAll @IntRange(min = -50, max = 50) int a,
            @ForAll @IntRange(min = -50, max = 50) int b,
            @ForAll @IntRange(min = -50, max = 50) int c,
            @ForAll @IntRange(min = -50, max = 50) int d) {
        UserStats start = new UserStats(USER, 10, 10, 10, 10, null);
        UserStats next = start.apply(new StatsDelta(a, b, c, d), T);
        assertThat(next.totalCards()).isEqualTo(Math.max(0, 10 + a));
        assertThat(next.newCount()).isEqualTo(Math.max(0, 10 + b));
        assertThat(next.learningCount()).isEqualTo(Math.max(0, 10 + c));
        assertThat(next.matureCount()).isEqualTo(Math.max(0, 10 + d));
        assertThat(next.lastCalculated()).isEqualTo(T);
    }

    /** Along any path of states and lifecycle changes, the deltas add up to the last minus the first contribution. */
    @SeededProperty
    void deltasTelescope(@ForAll("paths") List<Object> path) {
        Concept current = inState(State.NEW);
        Concept first = current;
        StatsDelta sum = StatsDelta.NONE;
        for (Object step : path) {
            Concept next = step instanceof State state
                    ? current.withCard(inState(state).card(), T)
                    : current.with((Lifecycle) step, T);
            StatsDelta delta = StatsDelta.between(current, next);
            assertThat(delta.totalCards()).isBetween(-1, 1);
            assertThat(delta.plus(StatsDelta.of(current))).isEqualTo(StatsDelta.of(next));
            sum = sum.plus(delta);
            current = next;
        }
        assertThat(sum).isEqualTo(StatsDelta.of(current).minus(StatsDelta.of(first)));
        assertThat(UserStats.of(USER, StatsDelta.of(first), T).apply(sum, T).totals())
                .isEqualTo(StatsDelta.of(current));
    }

    @Provide
    Arbitrary<List<Object>> paths() {
        return Arbitraries.oneOf(Arbitraries.of(State.class), Arbitraries.of(Lifecycle.class))
                .map(Object.class::cast)
                .list()
                .ofMaxSize(12);
    }
}
