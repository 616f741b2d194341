package dev.recollect.ports.in;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.InteractionId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobTransition;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.stats.DueSnapshot;
import dev.recollect.domain.stats.StatsSnapshot;
import dev.recollect.domain.stats.UserStats;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.RateLimiter;
import dev.recollect.ports.testing.Fixtures;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every sealed result's {@code fold} calls the function of its own variant, and no other. */
class FoldsTest {
    private static final GenerationJob JOB = Fixtures.job(new UserId("fold"), Fixtures.T0);

    @Test
    void createJob() {
        assertThat(new CreateJob.Result.Created(JOB).<Integer>fold(c -> 1, i -> 2, t -> 3, r -> 4))
                .isEqualTo(1);
        assertThat(new CreateJob.Result.InvalidPrompt(CreateJob.PromptProblem.TOO_LONG, "m")
                        .<Integer>fold(c -> 1, i -> 2, t -> 3, r -> 4))
                .isEqualTo(2);
        assertThat(new CreateJob.Result.TooManyActiveJobs(3, 3, "m").<Integer>fold(c -> 1, i -> 2, t -> 3, r -> 4))
                .isEqualTo(3);
        assertThat(new CreateJob.Result.RateLimited(5, "m").<Integer>fold(c -> 1, i -> 2, t -> 3, r -> 4))
                .isEqualTo(4);
    }

    @Test
    void cancelAndRetryJob() {
        assertThat(new CancelJob.Result.Cancelled(JOB).<Integer>fold(c -> 1, n -> 2, x -> 3))
                .isEqualTo(1);
        assertThat(new CancelJob.Result.NotFound().<Integer>fold(c -> 1, n -> 2, x -> 3))
                .isEqualTo(2);
        assertThat(new CancelJob.Result.NotCancellable(JOB).<Integer>fold(c -> 1, n -> 2, x -> 3))
                .isEqualTo(3);
        assertThat(new RetryJob.Result.Retried(JOB).<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(1);
        assertThat(new RetryJob.Result.NotFound().<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(2);
        assertThat(new RetryJob.Result.NotRetryable(JOB, "m").<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(3);
        assertThat(new RetryJob.Result.TooManyActiveJobs(3, 3, "m")
                        .<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(4);
        assertThat(new RetryJob.Result.RateLimited(1, "m").<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(5);
    }

    @Test
    void processingReviewsLifecycleAndMigrations() {
        assertThat(new ProcessJob.Outcome.Finished(JOB).<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4))
                .isEqualTo(1);
        assertThat(new ProcessJob.Outcome.Missing().<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4))
                .isEqualTo(2);
        assertThat(new ProcessJob.Outcome.Superseded(JOB).<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4))
                .isEqualTo(3);
        assertThat(new ProcessJob.Outcome.Interrupted(JOB, "down").<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4))
                .isEqualTo(4);
        UserId user = new UserId("fold");
        GetNextReview.Result nothing = new GetNextReview.Result.NothingDue(
                new StatsSnapshot(UserStats.empty(user), new DueSnapshot(Fixtures.T0, 0, null)));
        assertThat(nothing.<Integer>fold(n -> 1, d -> 2)).isEqualTo(2);
        assertThat(nothing.review()).isEmpty();
        GetNextReview.Result.Next next = new GetNextReview.Result.Next(
                Fixtures.concept(user, "Tides", null, Fixtures.T0),
                Fixtures.phrasing(Fixtures.concept(user, "Tides", null, Fixtures.T0), "Why tides?", Fixtures.T0),
                0.5,
                List.of(),
                nothing.stats());
        assertThat(next.<Integer>fold(n -> 1, d -> 2)).isEqualTo(1);
        assertThat(next.review()).contains(next);
        RecordInteraction.Result.Recorded recorded = new RecordInteraction.Result.Recorded(
                new InteractionId(new UUID(0, 1)), "A", true, "A", "why", Fixtures.T0, 1, State.REVIEW, 0.9);
        assertThat(recorded.<Integer>fold(r -> 1, n -> 2, i -> 3)).isEqualTo(1);
        assertThat(new RecordInteraction.Result.NotFound().<Integer>fold(r -> 1, n -> 2, i -> 3))
                .isEqualTo(2);
        assertThat(new RecordInteraction.Result.InvalidAnswer("no option").<Integer>fold(r -> 1, n -> 2, i -> 3))
                .isEqualTo(3);
        assertThat(new ChangeLifecycle.Result.Applied(true).<Integer>fold(a -> 1, n -> 2))
                .isEqualTo(1);
        assertThat(new ChangeLifecycle.Result.NotFound().<Integer>fold(a -> 1, n -> 2))
                .isEqualTo(2);
        assertThat(new RunMigrations.Started.UnknownMigration(List.of("x")).<Integer>fold(p -> 1, u -> 2, c -> 3))
                .isEqualTo(2);
        MigrationRun run = new MigrationRun(UUID.randomUUID(), "fold", "t", false, 10, 0, Fixtures.T0, null);
        assertThat(new RunMigrations.Started.Planned(run, 0).<Integer>fold(p -> 1, u -> 2, c -> 3))
                .isEqualTo(1);
        assertThat(new RunMigrations.Started.AlreadyCovered(run).<Integer>fold(p -> 1, u -> 2, c -> 3))
                .isEqualTo(3);
    }

    @Test
    void storeDecisions() {
        assertThat(new JobStore.Admission.Created(JOB).<Integer>fold(c -> 1, t -> 2, r -> 3))
                .isEqualTo(1);
        JobStore.Admission.TooManyActive tooMany = new JobStore.Admission.TooManyActive(3, 3);
        JobStore.Admission.RateLimited limited = new JobStore.Admission.RateLimited(9);
        assertThat(tooMany.<Integer>fold(c -> 1, t -> 2, r -> 3)).isEqualTo(2);
        assertThat(limited.<Integer>fold(c -> 1, t -> 2, r -> 3)).isEqualTo(3);
        assertThat(new JobStore.RetryAdmission.Retried(JOB).<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(1);
        assertThat(new JobStore.RetryAdmission.Missing().<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(2);
        JobTransition.Refused refused = new JobTransition.Refused(JOB, JobTransition.Reason.NOT_FAILED);
        assertThat(new JobStore.RetryAdmission.Refused(refused).<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(3);
        assertThat(tooMany.<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(4);
        assertThat(limited.<Integer>fold(a -> 1, b -> 2, c -> 3, d -> 4, e -> 5))
                .isEqualTo(5);
        assertThat(new RateLimiter.Decision.Allowed(3).<Integer>fold(a -> 1, l -> 2))
                .isEqualTo(1);
        assertThat(new RateLimiter.Decision.Limited(3).<Integer>fold(a -> 1, l -> 2))
                .isEqualTo(2);
    }
}
