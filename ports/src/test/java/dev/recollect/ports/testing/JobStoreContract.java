package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.job.CleanupCounts;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobTransition;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.JobStore.Admission;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.RateLimitRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} must do. Implement {@link #stores()} with a store that the test may write to. */
public interface JobStoreContract {
    /** The stores under test. */
    Persistence stores();

    /** A generous limit, so that tests of other rules never hit it. */
    RateLimitRule UNLIMITED = new RateLimitRule("contract", 1_000_000, Duration.ofHours(1), "slow down");

    private JobStore jobs() {
        return stores().jobs();
    }

    @Test
    default void concurrentCreatesNeverExceedTheCap() throws Exception {
        UserId user = Fixtures.newUser();
        List<Callable<Admission>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            GenerationJob job = Fixtures.job(user, T0.plusMillis(i));
            calls.add(() -> jobs().createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, T0));
        }
        List<Admission> admissions = Concurrently.run(8, calls);
        assertThat(admissions).filteredOn(Admission.Created.class::isInstance).hasSize(3);
        assertThat(admissions)
                .filteredOn(admission -> !(admission instanceof Admission.Created))
                .containsOnly(new Admission.TooManyActive(3, 3));
        assertThat(jobs().countActive(user)).isEqualTo(3);
    }

    @Test
    default void concurrentCreatesFromOneIpNeverExceedItsRateLimit() throws Exception {
        RateLimitRule rule = new RateLimitRule("contract-" + UUID.randomUUID(), 5, Duration.ofHours(1), "slow");
        String ip = "203.0.113.9";
        List<Callable<Admission>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            GenerationJob job = Fixtures.jobFromIp(Fixtures.newUser(), ip, T0);
            calls.add(() -> jobs().createIfAllowed(job, JobPolicy.DEFAULT, rule, T0));
        }
        List<Admission> admissions = Concurrently.run(8, calls);
        assertThat(admissions).filteredOn(Admission.Created.class::isInstance).hasSize(5);
        assertThat(admissions)
                .filteredOn(admission -> !(admission instanceof Admission.Created))
                .containsOnly(new Admission.RateLimited(3600));
    }

    @Test
    default void concurrentRetriesAndCreatesNeverExceedTheCap() throws Exception {
        UserId user = Fixtures.newUser();
        List<GenerationJob> failed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            failed.add(failedJob(user, true, T0.plusMillis(i)));
        }
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            GenerationJob job = Fixtures.job(user, T0.plusMillis(i));
            calls.add(() -> jobs().createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, T0));
        }
        for (GenerationJob job : failed) {
            calls.add(() ->
                    jobs().retryIfAllowed(job.id(), user, null, j -> j.retry(false), JobPolicy.DEFAULT, UNLIMITED, T0));
        }
        List<Object> answers = Concurrently.run(8, calls);
        assertThat(answers)
                .filteredOn(a -> a instanceof Admission.Created || a instanceof JobStore.RetryAdmission.Retried)
                .hasSize(3);
        assertThat(jobs().countActive(user)).isEqualTo(3);
    }

    /** A job of {@code user}, started and failed with a retryable error or for good. */
    private GenerationJob failedJob(UserId user, boolean retryable, Instant at) {
        GenerationJob job = Fixtures.job(user, at);
        jobs().createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, at);
        jobs().transition(job.id(), j -> j.start(at));
        return jobs().transition(
                        job.id(),
                        j -> j.fail(
                                new JobError(
                                        retryable ? ErrorCode.NETWORK : ErrorCode.CONTENT_BLOCKED, "failed", retryable),
                                at))
                .orElseThrow()
                .job();
    }

    @Test
    default void manyTransitionsAreAppliedTogetherAndMissingJobsSkipped() {
        UserId user = Fixtures.newUser();
        GenerationJob pending = Fixtures.job(user, T0);
        GenerationJob cancelled = Fixtures.job(user, T0.plusMillis(1));
        jobs().createIfAllowed(pending, JobPolicy.DEFAULT, UNLIMITED, T0);
        jobs().createIfAllowed(cancelled, JobPolicy.DEFAULT, UNLIMITED, T0);
        jobs().transition(cancelled.id(), j -> j.cancel(T0));
        JobId missing = new JobId(UUID.randomUUID());

        List<JobTransition> transitions =
                jobs().transitionAll(List.of(cancelled.id(), missing, pending.id()), j -> j.start(T0.plusSeconds(1)));

        assertThat(transitions).extracting(t -> t.job().id()).containsExactly(cancelled.id(), pending.id());
        assertThat(transitions).extracting(JobTransition::applied).containsExactly(false, true);
        assertThat(jobs().find(pending.id()).orElseThrow().status())
                .isEqualTo(dev.recollect.domain.job.JobStatus.PROCESSING);
        assertThat(jobs().find(cancelled.id()).orElseThrow().status())
                .isEqualTo(dev.recollect.domain.job.JobStatus.CANCELLED);
        assertThat(jobs().transitionAll(List.of(), j -> j.cancel(T0))).isEmpty();
    }

    @Test
    default void cleanupDeletesExactlyTheExpiredTerminalJobs() {
        UserId user = Fixtures.newUser();
        JobPolicy roomy = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1000).build();
        Instant old = T0.minus(Duration.ofDays(40));
        GenerationJob oldCompleted =
                store(roomy, Fixtures.job(user, old), j -> j.start(old).job().complete("t", old));
        GenerationJob oldCancelled = store(roomy, Fixtures.job(user, old), j -> j.cancel(old));
        GenerationJob oldFailed =
                store(roomy, Fixtures.job(user, old), j -> j.fail(new JobError(ErrorCode.UNKNOWN, "x", false), old));
        Instant recent = T0.minus(Duration.ofDays(10));
        GenerationJob recentFailed = store(
                roomy, Fixtures.job(user, recent), j -> j.fail(new JobError(ErrorCode.UNKNOWN, "x", false), recent));
        GenerationJob recentCompleted = store(roomy, Fixtures.job(user, recent), j -> j.start(recent)
                .job()
                .complete("t", T0.minus(Duration.ofDays(2))));
        GenerationJob stillPending = store(roomy, Fixtures.job(user, old), j -> new JobTransition.Applied(j));

        jobs().recordUsage(oldCompleted.id(), "model", TokenUsage.ofCall(1, 1, 1, 3));
        jobs().recordUsage(recentCompleted.id(), "model", TokenUsage.ofCall(1, 1, 1, 3));

        CleanupCounts counts = jobs().deleteExpired(roomy, T0);

        assertThat(counts.completed()).isGreaterThanOrEqualTo(1);
        assertThat(counts.cancelled()).isGreaterThanOrEqualTo(1);
        assertThat(counts.failed()).isGreaterThanOrEqualTo(1);
        for (GenerationJob gone : List.of(oldCompleted, oldCancelled, oldFailed)) {
            assertThat(jobs().find(gone.id())).as(gone.status().wireName()).isEmpty();
        }
        for (GenerationJob kept : List.of(recentFailed, recentCompleted, stillPending)) {
            assertThat(jobs().find(kept.id())).as(kept.status().wireName()).isPresent();
        }
        assertThat(jobs().deleteExpired(roomy, T0).total()).isZero();
        assertThat(stores().jobReports().usage(oldCompleted.id())).isEmpty();
        assertThat(stores().jobReports().usage(recentCompleted.id())).hasSize(1);
    }

    private GenerationJob store(
            JobPolicy policy, GenerationJob job, java.util.function.Function<GenerationJob, JobTransition> change) {
        jobs().createIfAllowed(job, policy, UNLIMITED, job.createdAt());
        return jobs().transition(job.id(), change).orElseThrow().job();
    }
}
