package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.JobId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStats;
import dev.recollect.domain.job.WorkerActivity;
import dev.recollect.domain.usage.ModelUsage;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.JobReports;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.Persistence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobReports} must report over the jobs of its {@link JobStore}. Implement {@link #stores()} with
 * stores the test may write to; the tests use windows and instants of their own, so that other tests' jobs do not
 * change the figures.
 */
public interface JobReportsContract {
    /** The stores under test. */
    Persistence stores();

    JobPolicy ROOMY = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1000).build();
    dev.recollect.ports.out.RateLimitRule UNLIMITED = JobStoreContract.UNLIMITED;

    private JobStore jobs() {
        return stores().jobs();
    }

    private JobReports reports() {
        return stores().jobReports();
    }

    @Test
    default void aStuckJobIsOneProcessingPastItsLeaseAndOnlyUntilItIsRescued() {
        Fixtures.claimEverything(jobs());
        // Before the leases of the jobs just drained run out, so that the claims below take this test's job.
        Instant now = Instant.parse("2106-01-01T00:00:00Z");
        int before = reports().countStuck(now);
        GenerationJob job = Fixtures.job(Fixtures.newUser(), now);
        jobs().createIfAllowed(job, ROOMY, UNLIMITED, now);
        assertThat(reports().countStuck(now.plusSeconds(60)))
                .as("pending is not stuck")
                .isEqualTo(before);
        jobs().claim(1, "dead-worker", Duration.ofSeconds(30), now);
        assertThat(reports().countStuck(now.plusSeconds(30)))
                .as("the lease runs until its end")
                .isEqualTo(before);
        assertThat(reports().countStuck(now.plusSeconds(31))).isEqualTo(before + 1);

        jobs().claim(1, "rescuer", Duration.ofSeconds(30), now.plusSeconds(31));

        assertThat(reports().countStuck(now.plusSeconds(40))).isEqualTo(before);
    }

    @Test
    default void statsCountByStatusAndErrorAndTakeDurationPercentilesAsPostgresDoes() {
        // In the future, so that no other test's jobs fall in the window.
        Instant since = Instant.parse("2300-01-01T00:00:00Z");
        List<GenerationJob> made = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            GenerationJob job = Fixtures.job(Fixtures.newUser(), since.plusSeconds(i));
            jobs().createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, since.plusSeconds(i));
            made.add(job);
        }
        long[] seconds = {10, 40, 100};
        for (int i = 0; i < 3; i++) {
            Instant start = since.plusSeconds(i);
            Instant end = start.plusSeconds(seconds[i]);
            jobs().transition(made.get(i).id(), j -> j.start(start));
            jobs().transition(made.get(i).id(), j -> j.complete("t", end));
        }
        jobs().transition(
                        made.get(3).id(),
                        j -> j.fail(new JobError(ErrorCode.RATE_LIMIT, "slow", true), since.plusSeconds(50)));
        jobs().transition(made.get(4).id(), j -> j.cancel(since.plusSeconds(60)));
        GenerationJob before = Fixtures.job(Fixtures.newUser(), since.minusSeconds(1));
        jobs().createIfAllowed(before, JobPolicy.DEFAULT, UNLIMITED, since.minusSeconds(1));
        jobs().recordUsage(before.id(), "model-a", TokenUsage.ofCall(1000, 1000, 1000, 3000));
        jobs().recordUsage(made.get(0).id(), "model-b", TokenUsage.ofCall(7, 8, 9, 24));
        jobs().recordUsage(made.get(0).id(), "model-a", TokenUsage.ofCall(1, 2, 3, 6));
        jobs().recordUsage(made.get(3).id(), "model-a", TokenUsage.ofCall(10, 20, 0, 30));

        JobStats stats = reports().stats(since);

        assertThat(stats.byStatus())
                .containsEntry(dev.recollect.domain.job.JobStatus.COMPLETED, 3)
                .containsEntry(dev.recollect.domain.job.JobStatus.FAILED, 1)
                .containsEntry(dev.recollect.domain.job.JobStatus.CANCELLED, 1)
                .containsEntry(dev.recollect.domain.job.JobStatus.PENDING, 1)
                .containsEntry(dev.recollect.domain.job.JobStatus.PROCESSING, 0);
        assertThat(stats.failuresByCode()).containsExactly(java.util.Map.entry(ErrorCode.RATE_LIMIT, 1));
        assertThat(stats.completed()).isEqualTo(3);
        // Durations 10 s, 40 s and 100 s: the median is 40 s; the 95th percentile is 40 + 0.9 × 60 = 94 s.
        assertThat(stats.p50DurationMs()).isEqualTo(40_000L);
        assertThat(stats.p95DurationMs()).isEqualTo(94_000L);
        assertThat(stats.usage())
                .containsExactly(
                        new ModelUsage("model-a", new TokenUsage(2, 11, 22, 3, 36)),
                        new ModelUsage("model-b", TokenUsage.ofCall(7, 8, 9, 24)));
        assertThat(stats.recent()).hasSizeLessThanOrEqualTo(JobStats.RECENT);
        assertThat(stats.recent().subList(0, 6))
                .extracting(GenerationJob::id)
                .containsExactly(
                        made.get(5).id(),
                        made.get(4).id(),
                        made.get(3).id(),
                        made.get(2).id(),
                        made.get(1).id(),
                        made.get(0).id());
        JobStats later = reports().stats(since.plus(Duration.ofDays(1)));
        assertThat(later.completed()).isZero();
        assertThat(later.p50DurationMs()).isNull();
        assertThat(later.byStatus().values()).allMatch(n -> n == 0);
        assertThat(later.usage()).isEmpty();
    }

    @Test
    default void usageAddsUpPerModelEvenUnderConcurrentCalls() throws Exception {
        GenerationJob job = Fixtures.job(Fixtures.newUser(), T0);
        jobs().createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, T0);
        assertThat(reports().usage(job.id())).isEmpty();
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String model = i % 2 == 0 ? "zeta-model" : "alpha-model";
            calls.add(() -> {
                jobs().recordUsage(job.id(), model, TokenUsage.ofCall(3, 5, 7, 15));
                return true;
            });
        }

        Concurrently.run(8, calls);
        jobs().recordUsage(new JobId(UUID.randomUUID()), "alpha-model", TokenUsage.ofCall(1, 1, 1, 3));

        TokenUsage twenty = new TokenUsage(20, 60, 100, 140, 300);
        assertThat(reports().usage(job.id()))
                .containsExactly(new ModelUsage("alpha-model", twenty), new ModelUsage("zeta-model", twenty));
    }

    @Test
    default void workerActivityShowsLiveLeasesTheQueueAndTheLastFinishedJob() {
        Fixtures.claimEverything(jobs());
        // Before the drained jobs' leases run out (so that claiming takes a pending job, not a rescue), and counting
        // leases relative to those other tests hold.
        Instant later = Instant.parse("2105-01-01T00:00:00Z");
        WorkerActivity idle = reports().workerActivity(later);
        assertThat(idle.pending()).isZero();
        assertThat(idle.oldestPending()).isNull();
        Instant created = Instant.parse("2104-01-01T00:00:00Z");
        for (int i = 0; i < 2; i++) {
            jobs().createIfAllowed(Fixtures.job(Fixtures.newUser(), created.plusMillis(i)), ROOMY, UNLIMITED, created);
        }
        WorkerActivity waiting = reports().workerActivity(later);
        assertThat(waiting.pending()).isEqualTo(2);
        assertThat(waiting.oldestPending()).isEqualTo(created);
        assertThat(waiting.liveLeases()).isEqualTo(idle.liveLeases());

        GenerationJob taken = jobs().claim(1, "w", Duration.ofDays(1), later).get(0);
        WorkerActivity busy = reports().workerActivity(later.plusSeconds(3600));
        assertThat(taken.createdAt()).isEqualTo(created);
        assertThat(busy.liveLeases()).isEqualTo(idle.liveLeases() + 1);
        assertThat(busy.pending()).isEqualTo(1);
        assertThat(busy.oldestPending()).isEqualTo(created.plusMillis(1));
        assertThat(reports().workerActivity(later.plus(Duration.ofDays(2))).liveLeases())
                .isEqualTo(idle.liveLeases());
        Instant done = later.plusSeconds(60);
        Instant before = reports().workerActivity(later.plusSeconds(90)).lastFinished();
        jobs().transition(taken.id(), j -> j.complete("t", done));
        // Other tests may have finished jobs "later" still; the newest finish wins.
        Instant expected = before != null && before.isAfter(done) ? before : done;
        assertThat(reports().workerActivity(later.plusSeconds(90)).lastFinished())
                .isEqualTo(expected);
    }
}
