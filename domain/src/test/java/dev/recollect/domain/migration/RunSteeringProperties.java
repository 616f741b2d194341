package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.Size;

/**
 * An operator's steering of a run, as properties over any sequence of pauses, resumes and cancellations: it changes
 * only the control; a cancellation is final; a finished run takes none; an outcome says whether anything changed.
 */
class RunSteeringProperties {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    @SeededProperty
    void steeringFollowsTheRules(@ForAll @Size(max = 12) List<MigrationRun.Steer> steers, @ForAll boolean finished) {
        MigrationRun run = new MigrationRun(UUID.randomUUID(), "m", "t", false, 10, 5, T0, finished ? T0 : null);
        boolean cancelled = false;
        for (MigrationRun.Steer steer : steers) {
            MigrationRun.Steering outcome = run.steer(steer);
            MigrationRun after = outcome.run();
            assertThat(after.controlled(RunControl.RUNNING))
                    .as("only the control changes")
                    .isEqualTo(run.controlled(RunControl.RUNNING));
            if (finished) {
                assertThat(outcome).isInstanceOf(MigrationRun.Steering.Refused.class);
            } else if (cancelled) {
                assertThat(after.control()).as("cancelling is final").isEqualTo(RunControl.CANCELLED);
                assertThat(outcome)
                        .isInstanceOf(
                                steer == MigrationRun.Steer.CANCEL
                                        ? MigrationRun.Steering.Unchanged.class
                                        : MigrationRun.Steering.Refused.class);
            } else {
                RunControl asked =
                        switch (steer) {
                            case PAUSE -> RunControl.PAUSED;
                            case RESUME -> RunControl.RUNNING;
                            case CANCEL -> RunControl.CANCELLED;
                        };
                assertThat(after.control()).isEqualTo(asked);
                assertThat(outcome)
                        .isInstanceOf(
                                asked == run.control()
                                        ? MigrationRun.Steering.Unchanged.class
                                        : MigrationRun.Steering.Changed.class);
            }
            assertThat(outcome.<Integer>fold(c -> 1, u -> 2, r -> 3))
                    .isEqualTo(
                            outcome instanceof MigrationRun.Steering.Changed
                                    ? 1
                                    : outcome instanceof MigrationRun.Steering.Unchanged ? 2 : 3);
            assertThat(run.adopting(after))
                    .as("a ledger stores the steered run")
                    .isEqualTo(after);
            assertThat(run.adopting(after.finished(T0.plusSeconds(1))))
                    .as("and nothing but its control, size and pace")
                    .isEqualTo(after);
            cancelled |= after.control() == RunControl.CANCELLED;
            run = after;
        }
    }
}
