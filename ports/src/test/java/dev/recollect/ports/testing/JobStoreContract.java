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
import dev.recollect.domain.paging.Page;
import dev.recollect.domain.paging.PageRequest;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.JobStore.Admission;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.RateLimitRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    default void aCreatedJobReadsBackAsItWasStored() {
        GenerationJob job = Fixtures.jobFromIp(Fixtures.newUser(), "203.0.113.9", T0);
        assertThat(jobs().createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, T0))
                .isEqualTo(new Admission.Created(job));
        assertThat(jobs().find(job.id())).contains(job);
        assertThat(jobs().find(new JobId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    default void theCapCountsPendingAndProcessingJobsOnly() {
        UserId user = Fixtures.newUser();
        List<GenerationJob> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GenerationJob job = Fixtures.job(user, T0.plusSeconds(i));
            assertThat(jobs().createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, T0))
                    .isInstanceOf(Admission.Created.class);
            created.add(job);
        }
        jobs().transition(created.get(0).id(), j -> j.start(T0));
        assertThat(jobs().countActive(user)).isEqualTo(3);
        assertThat(jobs().createIfAllowed(Fixtures.job(user, T0), JobPolicy.DEFAULT, UNLIMITED, T0))
                .isEqualTo(new Admission.TooManyActive(3, 3));
        jobs().transition(created.get(1).id(), j -> j.cancel(T0));
        assertThat(jobs().countActive(user)).isEqualTo(2);
        assertThat(jobs().createIfAllowed(Fixtures.job(user, T0), JobPolicy.DEFAULT, UNLIMITED, T0))
                .isInstanceOf(Admission.Created.class);
        assertThat(jobs().countActive(Fixtures.newUser())).isZero();
    }

    @Test
    default void theRateLimitAllowsExactlyTheMaximumPerRollingWindowWithAnExactRetryAfter() {
        RateLimitRule rule = new RateLimitRule("contract-" + UUID.randomUUID(), 3, Duration.ofHours(1), "slow");
        JobPolicy roomy = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1000).build();
        UserId user = Fixtures.newUser();
        for (int i = 0; i < 3; i++) {
            Instant at = T0.plus(Duration.ofMinutes(10L * i));
            assertThat(jobs().createIfAllowed(Fixtures.job(user, at), roomy, rule, at))
                    .isInstanceOf(Admission.Created.class);
        }
        Instant later = T0.plus(Duration.ofMinutes(30)).plusMillis(1);
        // The oldest request (at T0) leaves the window at T0 + 1h: 29m 59.999s from now, rounded up.
        assertThat(jobs().createIfAllowed(Fixtures.job(user, later), roomy, rule, later))
                .isEqualTo(new Admission.RateLimited(1800));
        Instant window = T0.plus(Duration.ofHours(1));
        assertThat(jobs().createIfAllowed(Fixtures.job(user, window), roomy, rule, window))
                .isInstanceOf(Admission.Created.class);
    }

    @Test
    default void theRateLimitAlsoCountsPerIpAddress() {
        RateLimitRule rule = new RateLimitRule("contract-" + UUID.randomUUID(), 2, Duration.ofHours(1), "slow");
        String ip = "198.51.100.7";
        for (int i = 0; i < 2; i++) {
            assertThat(jobs().createIfAllowed(
                                    Fixtures.jobFromIp(Fixtures.newUser(), ip, T0), JobPolicy.DEFAULT, rule, T0))
                    .isInstanceOf(Admission.Created.class);
        }
        assertThat(jobs().createIfAllowed(Fixtures.jobFromIp(Fixtures.newUser(), ip, T0), JobPolicy.DEFAULT, rule, T0))
                .isEqualTo(new Admission.RateLimited(3600));
        assertThat(jobs().createIfAllowed(Fixtures.job(Fixtures.newUser(), T0), JobPolicy.DEFAULT, rule, T0))
                .isInstanceOf(Admission.Created.class);
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
    default void aRetryQueuesTheOwnersFailedJobAgainAndKeepsEveryOtherField() {
        UserId user = Fixtures.newUser();
        GenerationJob failed = failedJob(user, true, T0);
        GenerationJob queued = ((JobStore.RetryAdmission.Retried) jobs().retryIfAllowed(
                                failed.id(), user, null, j -> j.retry(false), JobPolicy.DEFAULT, UNLIMITED, T0))
                .job();
        assertThat(queued).isEqualTo(failed.retry(false).job());
        assertThat(jobs().find(failed.id())).contains(queued);
        List<JobId> claimed = new ArrayList<>();
        List<GenerationJob> batch;
        while (!(batch = jobs().claim(100, "w", Duration.ofSeconds(30), T0)).isEmpty()) {
            batch.forEach(job -> claimed.add(job.id()));
        }
        assertThat(claimed).as("the retried job is claimable again").contains(failed.id());
    }

    @Test
    default void aRetryIsAnsweredAsMissingForAnotherUsersJobAndAsRefusedForAJobThatDidNotFail() {
        UserId user = Fixtures.newUser();
        GenerationJob failed = failedJob(user, true, T0);
        assertThat(jobs().retryIfAllowed(
                                failed.id(),
                                Fixtures.newUser(),
                                null,
                                j -> j.retry(true),
                                JobPolicy.DEFAULT,
                                UNLIMITED,
                                T0))
                .isEqualTo(new JobStore.RetryAdmission.Missing());
        assertThat(jobs().retryIfAllowed(
                                new JobId(UUID.randomUUID()),
                                user,
                                null,
                                j -> j.retry(true),
                                JobPolicy.DEFAULT,
                                UNLIMITED,
                                T0))
                .isEqualTo(new JobStore.RetryAdmission.Missing());
        GenerationJob forGood = failedJob(user, false, T0);
        assertThat(jobs().retryIfAllowed(
                                forGood.id(), user, null, j -> j.retry(false), JobPolicy.DEFAULT, UNLIMITED, T0))
                .isEqualTo(new JobStore.RetryAdmission.Refused(
                        new JobTransition.Refused(forGood, JobTransition.Reason.NOT_RETRYABLE)));
        assertThat(jobs().find(failed.id())).contains(failed);
        assertThat(jobs().find(forGood.id())).contains(forGood);
    }

    @Test
    default void aRetryCountsTowardTheCapAndTheRateLimitLikeACreation() {
        RateLimitRule rule = new RateLimitRule("contract-" + UUID.randomUUID(), 3, Duration.ofHours(1), "slow");
        UserId user = Fixtures.newUser();
        GenerationJob failed = failedJob(user, true, T0);
        for (int i = 0; i < 3; i++) {
            jobs().createIfAllowed(Fixtures.job(user, T0), JobPolicy.DEFAULT, UNLIMITED, T0);
        }
        assertThat(jobs().retryIfAllowed(failed.id(), user, null, j -> j.retry(false), JobPolicy.DEFAULT, rule, T0))
                .isEqualTo(new Admission.TooManyActive(3, 3));
        JobPolicy roomy = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1000).build();
        for (int i = 0; i < 3; i++) {
            jobs().createIfAllowed(Fixtures.job(user, T0), roomy, rule, T0);
        }
        assertThat(jobs().retryIfAllowed(failed.id(), user, null, j -> j.retry(false), roomy, rule, T0))
                .isEqualTo(new Admission.RateLimited(3600));
        assertThat(jobs().find(failed.id()))
                .as("a refused retry changes nothing")
                .contains(failed);
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
    default void recentJobsComeNewestFirstInPagesWithoutGapsOrOverlap() {
        UserId user = Fixtures.newUser();
        JobPolicy roomy = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1000).build();
        List<GenerationJob> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Pairs share a creation time, so the id must break the tie.
            GenerationJob job = Fixtures.job(user, T0.plusSeconds(i / 2));
            jobs().createIfAllowed(job, roomy, UNLIMITED, T0);
            created.add(job);
        }
        jobs().createIfAllowed(Fixtures.job(Fixtures.newUser(), T0), roomy, UNLIMITED, T0);
        List<GenerationJob> seen = new ArrayList<>();
        Page<GenerationJob> page = jobs().listRecent(user, new PageRequest(10, Optional.empty()));
        seen.addAll(page.items());
        while (!page.isDone()) {
            page = jobs().listRecent(user, new PageRequest(10, page.next()));
            seen.addAll(page.items());
        }
        assertThat(seen).hasSize(23).containsExactlyInAnyOrderElementsOf(created);
        for (int i = 1; i < seen.size(); i++) {
            GenerationJob before = seen.get(i - 1);
            GenerationJob after = seen.get(i);
            assertThat(before.createdAt().isAfter(after.createdAt())
                            || (before.createdAt().equals(after.createdAt())
                                    && before.id().compareTo(after.id()) > 0))
                    .as("newest first at %d", i)
                    .isTrue();
        }
    }

    @Test
    default void aTransitionIsSavedOnlyWhenApplied() {
        GenerationJob job = Fixtures.job(Fixtures.newUser(), T0);
        jobs().createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, T0);
        JobTransition started =
                jobs().transition(job.id(), j -> j.start(T0.plusSeconds(1))).orElseThrow();
        assertThat(started.applied()).isTrue();
        assertThat(jobs().find(job.id())).contains(started.job());
        GenerationJob failed = jobs().transition(
                        job.id(), j -> j.fail(new JobError(ErrorCode.NETWORK, "down", true), T0.plusSeconds(2)))
                .orElseThrow()
                .job();
        assertThat(jobs().find(job.id())).contains(failed);
        JobTransition refused =
                jobs().transition(job.id(), j -> j.cancel(T0.plusSeconds(3))).orElseThrow();
        assertThat(refused.applied()).isFalse();
        assertThat(jobs().find(job.id())).contains(failed);
        assertThat(jobs().transition(new JobId(UUID.randomUUID()), j -> j.cancel(T0)))
                .isEmpty();
    }

    @Test
    default void everyFieldOfAJobSurvivesATransition() {
        GenerationJob job = Fixtures.jobFromIp(Fixtures.newUser(), "192.0.2.1", T0);
        jobs().createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, T0);
        List<dev.recollect.domain.ConceptId> concepts = List.of(
                new dev.recollect.domain.ConceptId(UUID.randomUUID()),
                new dev.recollect.domain.ConceptId(UUID.randomUUID()));
        jobs().transition(job.id(), j -> j.start(T0.plusSeconds(1)));
        jobs().transition(job.id(), j -> j.assignConcepts(concepts, 4));
        jobs().transition(job.id(), j -> j.addProgress(3, 2));
        jobs().transition(job.id(), j -> j.finishConcept(concepts.get(0)));
        GenerationJob failed = jobs().transition(
                        job.id(),
                        j -> j.fail(new JobError(ErrorCode.RATE_LIMIT, "Slow down.", true), T0.plusSeconds(9)))
                .orElseThrow()
                .job();
        assertThat(jobs().find(job.id())).contains(failed);
        assertThat(failed.conceptIds()).containsExactlyElementsOf(concepts);
        assertThat(failed.pendingConceptIds()).containsExactly(concepts.get(1));
        assertThat(failed.durationMs()).isEqualTo(8000);
        assertThat(failed.estimatedTotal()).isEqualTo(8);
    }

    @Test
    default void aPageThatEndsExactlyAtTheLastJobHasNoNextCursor() {
        UserId user = Fixtures.newUser();
        JobPolicy roomy = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1000).build();
        for (int i = 0; i < 10; i++) {
            jobs().createIfAllowed(Fixtures.job(user, T0.plusSeconds(i)), roomy, UNLIMITED, T0);
        }
        Page<GenerationJob> page = jobs().listRecent(user, new PageRequest(10, Optional.empty()));
        assertThat(page.items()).hasSize(10);
        assertThat(page.isDone()).isTrue();
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
