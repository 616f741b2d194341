package dev.recollect.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** When the workers' traces say that jobs are waiting with nobody to run them. */
class WorkerActivityProperties {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Duration PATIENCE = Duration.ofMinutes(5);

    @SeededProperty
    void aLiveLeaseOrAnEmptyQueueIsNeverUnattended(@ForAll("activities") WorkerActivity activity) {
        if (activity.liveLeases() > 0 || activity.pending() == 0) {
            assertThat(activity.unattended(NOW, PATIENCE)).isFalse();
        }
    }

    @SeededProperty
    void onceUnattendedItStaysSoAsTimePassesWithNothingChanging(
            @ForAll("activities") WorkerActivity activity, @ForAll @IntRange(max = 100_000) int laterSeconds) {
        if (activity.unattended(NOW, PATIENCE)) {
            assertThat(activity.unattended(NOW.plusSeconds(laterSeconds), PATIENCE))
                    .isTrue();
        }
    }

    @SeededProperty
    void aJobFinishedWithinThePatienceMeansAWorkerIsAbout(
            @ForAll("activities") WorkerActivity activity, @ForAll @IntRange(max = 299) int secondsAgo) {
        WorkerActivity justFinished = new WorkerActivity(
                activity.liveLeases(), activity.pending(), activity.oldestPending(), NOW.minusSeconds(secondsAgo));
        assertThat(justFinished.unattended(NOW, PATIENCE)).isFalse();
    }

    @SeededProperty
    void aQueueYoungerThanThePatienceIsNotYetUnattended(
            @ForAll @IntRange(min = 1, max = 1000) int pending, @ForAll @IntRange(max = 300) int secondsAgo) {
        WorkerActivity waiting = new WorkerActivity(0, pending, NOW.minusSeconds(secondsAgo), null);
        assertThat(waiting.unattended(NOW, PATIENCE)).isFalse();
    }

    @Example
    void jobsWaitingLongerThanThePatienceWithNoWorkerSeenAreUnattended() {
        Instant longAgo = NOW.minus(PATIENCE).minusMillis(1);
        assertThat(new WorkerActivity(0, 3, longAgo, null).unattended(NOW, PATIENCE))
                .isTrue();
        assertThat(new WorkerActivity(0, 3, longAgo, longAgo).unattended(NOW, PATIENCE))
                .isTrue();
        assertThat(new WorkerActivity(0, 3, longAgo, NOW.minus(PATIENCE)).unattended(NOW, PATIENCE))
                .as("a worker that finished exactly one patience ago still counts")
                .isFalse();
    }

    @Example
    void countsAreNeverNegativeAndTheOldestPendingJobIsKnownExactlyWhenSomeArePending() {
        assertThatThrownBy(() -> new WorkerActivity(-1, 0, null, null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new WorkerActivity(0, -1, null, null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new WorkerActivity(0, 1, null, null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new WorkerActivity(0, 0, NOW, null)).isInstanceOf(DomainException.class);
        assertThat(new WorkerActivity(0, 0, null, null).unattended(NOW, PATIENCE))
                .isFalse();
    }

    @Provide
    Arbitrary<WorkerActivity> activities() {
        Arbitrary<Integer> live = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> pending = Arbitraries.integers().between(0, 50);
        Arbitrary<Long> oldestAgo = Arbitraries.longs().between(0, 3600);
        Arbitrary<Long> finishedAgo = Arbitraries.longs().between(0, 7200).injectNull(0.3);
        return Combinators.combine(live, pending, oldestAgo, finishedAgo)
                .as((l, p, o, f) -> new WorkerActivity(
                        l, p, p == 0 ? null : NOW.minusSeconds(o), f == null ? null : NOW.minusSeconds(f)));
    }
}
