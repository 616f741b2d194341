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
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class StatsProperties {
    private static final UserId USER = new UserId("u");
    private static final Instant T = Instant.parse("2025-02-01T08:00:00Z");

    static Concept inState(State state) {
        Card card = new Card(T, state == State.NEW ? 0 : 3, state == State.NEW ? 0 : 5, 0, 1, 0, 1, 0, state, T);
        return new Concept(
                new ConceptId(new UUID(0, 1)), USER, "t", null, card, null, 1, null, null, null, T, T, null, null);
    }

    /** Created concepts are new ones; a delta is empty exactly when it changes nothing. */
    @SeededProperty
    void createdConceptsAreNew(@ForAll @IntRange(min = 0, max = 1000) int created) {
        StatsDelta delta = StatsDelta.conceptsCreated(created);
        assertThat(delta).isEqualTo(new StatsDelta(created, created, 0, 0));
        assertThat(delta.isEmpty()).isEqualTo(created == 0);
        assertThat(UserStats.empty(USER).apply(delta, T).totals()).isEqualTo(delta);
    }

    @Provide
    Arbitrary<StatsDelta> totals() {
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 500);
        return Combinators.combine(count, count, count, count).as(StatsDelta::new);
    }

    /** Counters built from totals give those totals back. */
    @SeededProperty
    void countersRoundTripTheirTotals(@ForAll("totals") StatsDelta totals) {
        UserStats stats = UserStats.of(USER, totals, T);
        assertThat(stats.totals()).isEqualTo(totals);
        assertThat(stats)
                .isEqualTo(new UserStats(
                        USER, totals.totalCards(), totals.newCount(), totals.learningCount(), totals.matureCount(), T));
    }

    /**
     * An active concept counts once in the total and once in its state's counter (learning and relearning share
     * one); an archived or deleted one counts nowhere.
     */
    @SeededProperty
    void eachStateFeedsItsCounterAndOnlyActiveConceptsCount(
            @ForAll State state, @ForAll("lifecycles") Lifecycle change) {
        Concept concept = inState(state);
        StatsDelta expected = new StatsDelta(
                1,
                state == State.NEW ? 1 : 0,
                state == State.LEARNING || state == State.RELEARNING ? 1 : 0,
                state == State.REVIEW ? 1 : 0);
        assertThat(StatsDelta.of(concept)).isEqualTo(expected);
        Concept changed = concept.with(change, T);
        assertThat(StatsDelta.of(changed)).isEqualTo(changed.isActive() ? expected : StatsDelta.NONE);
    }

    @Provide
    Arbitrary<Lifecycle> lifecycles() {
        return Arbitraries.of(Lifecycle.class);
    }

    @Example
    void learningToRelearningChangesNoCounter_theReferencesGap10() {
        assertThat(StatsDelta.between(inState(State.LEARNING), inState(State.RELEARNING)))
                .isEqualTo(StatsDelta.NONE);
        assertThat(StatsDelta.between(inState(State.REVIEW), inState(State.RELEARNING)))
                .isEqualTo(new StatsDelta(0, 0, 1, -1));
    }

    /** The due count is what is due beyond the new cards; what can be reviewed is that plus the new cards. */
    @SeededProperty
    void theSnapshotDerivesTheReferenceDueCounts(
            @ForAll("totals") StatsDelta totals, @ForAll @IntRange(min = 0, max = 1000) int dueNow) {
        StatsSnapshot snapshot = new StatsSnapshot(UserStats.of(USER, totals, T), new DueSnapshot(T, dueNow, null));
        assertThat(snapshot.dueCount()).isEqualTo(Math.max(0, dueNow - totals.newCount()));
        assertThat(snapshot.newCount()).isEqualTo(totals.newCount());
        assertThat(snapshot.totalReviewable()).isEqualTo(snapshot.dueCount() + totals.newCount());
    }

    @Example
    void countsCannotBeNegative_andCountersNeedTheirLearner() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DueSnapshot(T, -1, null));
        assertThatThrownBy(() -> new UserStats(null, 0, 0, 0, 0, null)).hasMessage("userId");
    }

    /** A reconciliation's drift is the recount minus the cached counters; it drifted exactly when that is not empty. */
    @SeededProperty
    void aReconciliationReportsDriftPerCounter(
            @ForAll("totals") StatsDelta cached, @ForAll("totals") StatsDelta recounted) {
        Reconciliation reconciliation = new Reconciliation(
                UserStats.of(USER, cached, T), UserStats.of(USER, recounted, T), new DueSnapshot(T, 0, null));
        assertThat(reconciliation.drift()).isEqualTo(recounted.minus(cached));
        assertThat(reconciliation.drifted()).isEqualTo(!cached.equals(recounted));
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
