package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.job.CleanupCounts;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.paging.Page;
import dev.recollect.domain.paging.PageRequest;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.CleanupJobs;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.ListRecentJobs;
import dev.recollect.ports.in.RetryJob;
import dev.recollect.ports.metrics.MicrometerMetrics;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.testing.JobPath;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.Proxies;
import dev.recollect.ports.testing.SequentialIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The job use cases on jobs in every state, against the reference's rules: who may cancel or retry which job and what
 * the refusal says, the per-learner cap on retries, status filters and the quota, paging, and retention.
 */
class GenerationJobsProperties {
    private static final UserId OWNER = new UserId("learner");
    private static final String STRANGER = "stranger";
    private static final String CAP_MESSAGE = "Too many concurrent jobs. Maximum 3 jobs allowed.";

    /** Creates a job of the owner's through the use case and takes it along {@code path}, at the present time. */
    private static GenerationJob job(PipelineHarness h, String prompt, JobPath path) {
        GenerationJob job =
                ((CreateJob.Result.Created) h.jobs.create(new CreateJob.Command(OWNER.value(), prompt, null))).job();
        return path.drive(h.stores.jobs(), job.id(), h.clock.instant());
    }

    /**
     * Only the owner can cancel, and only a job that has not ended: anyone else is answered as if the job did not
     * exist, an ended job is refused naming its status, and a refusal changes nothing.
     */
    @SeededProperty
    void onlyTheOwnerCancelsAndOnlyAJobThatHasNotEnded(
            @ForAll JobPath path, @ForAll boolean byOwner, @ForAll boolean deletedMeanwhile) {
        PipelineHarness h = new PipelineHarness();
        GenerationJob job = job(h, "Tides", path);
        // A cleanup may delete the job between the owner's check and the write: answered as a missing job.
        JobStore store = Proxies.around(
                JobStore.class,
                h.stores.jobs(),
                call -> deletedMeanwhile && call.name().equals("transition") ? Optional.empty() : call.proceed());
        GenerationJobs jobs = new GenerationJobs(
                store,
                JobPolicy.DEFAULT,
                RateLimitRule.QUESTION_GENERATION,
                new SequentialIds(),
                h.clock,
                Metrics.NONE);

        CancelJob.Result result = jobs.cancel(new CancelJob.Command(
                byOwner ? OWNER.value() : STRANGER, job.id().toString()));

        if (!byOwner || deletedMeanwhile) {
            assertThat(result).isEqualTo(new CancelJob.Result.NotFound());
            assertThat(((CancelJob.Result.NotFound) result).message()).isEqualTo("Job not found or access denied");
        } else if (path.status().isTerminal()) {
            assertThat(result).isInstanceOfSatisfying(CancelJob.Result.NotCancellable.class, r -> assertThat(
                            r.message())
                    .isEqualTo("Cannot cancel job with status: " + path.status().wireName()));
        } else {
            assertThat(result).isInstanceOf(CancelJob.Result.Cancelled.class);
            assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(h.job(job.id()).completedAt()).isEqualTo(h.clock.instant());
            return;
        }
        assertThat(h.job(job.id())).isEqualTo(job);
    }

    /**
     * Only the owner retries, and only a failed job: one that failed for good only by force; a retry queues the job
     * again, counting the retry and clearing the error, unless the owner already has three active jobs or the hour's
     * requests are used up (the cap is checked first); anything refused changes nothing. The metrics count each retry
     * and each refusal by the cap or the rate limit.
     */
    @SeededProperty
    void onlyTheOwnersFailedJobIsRetriedWithinTheCapAndTheRateLimit(
            @ForAll JobPath path,
            @ForAll boolean byOwner,
            @ForAll boolean force,
            @ForAll @IntRange(max = 3) int others,
            @ForAll boolean hourUsedUp) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PipelineHarness h = new PipelineHarness(new MicrometerMetrics(registry));
        GenerationJob job = job(h, "Tides", path);
        if (hourUsedUp) {
            // The job itself was the hour's first request.
            for (int i = 1; i < RateLimitRule.QUESTION_GENERATION.maxRequests(); i++) {
                job(h, "Used " + i, JobPath.CANCELLED);
            }
        }
        for (int i = 0; i < others; i++) {
            h.jobs.create(new CreateJob.Command(OWNER.value(), "Other topic " + i, null));
        }
        int active = h.stores.jobs().countActive(OWNER);
        int before = h.stores.allJobs().size();
        double capRefusals = rejected(registry, "too_many_active");
        double limitRefusals = rejected(registry, "rate_limited");

        RetryJob.Result result = h.jobs.retry(new RetryJob.Command(
                byOwner ? OWNER.value() : STRANGER, job.id().toString(), force, null));

        boolean failed = path.status() == JobStatus.FAILED;
        String outcome;
        if (!byOwner) {
            outcome = "not found";
            assertThat(result).isEqualTo(new RetryJob.Result.NotFound());
            assertThat(((RetryJob.Result.NotFound) result).message()).isEqualTo("Job not found or access denied");
        } else if (!failed) {
            outcome = "not failed";
            assertThat(result)
                    .isEqualTo(new RetryJob.Result.NotRetryable(
                            job,
                            "Cannot retry job with status: " + path.status().wireName()));
        } else if (path == JobPath.FAILED_FOR_GOOD && !force) {
            outcome = "failed for good";
            assertThat(result)
                    .isEqualTo(new RetryJob.Result.NotRetryable(
                            job,
                            "Job failed with CONTENT_BLOCKED, which running it again would not change; force the retry"
                                    + " to run it again anyway"));
        } else if (active >= 3) {
            outcome = "cap";
            assertThat(result).isEqualTo(new RetryJob.Result.TooManyActiveJobs(active, 3, CAP_MESSAGE));
        } else if (hourUsedUp) {
            outcome = "rate limited";
            assertThat(result).isInstanceOfSatisfying(RetryJob.Result.RateLimited.class, r -> {
                assertThat(r.message()).isEqualTo(RateLimitRule.QUESTION_GENERATION.message());
                assertThat(r.retryAfterSeconds())
                        .isEqualTo(RateLimitRule.QUESTION_GENERATION.window().toSeconds());
            });
        } else {
            outcome = "retried";
            GenerationJob queued = ((RetryJob.Result.Retried) result).job();
            assertThat(queued).isEqualTo(h.job(job.id()));
            assertThat(queued.status()).isEqualTo(JobStatus.PENDING);
            assertThat(queued.retries()).isEqualTo(job.retries() + 1);
            assertThat(queued.failure()).isEmpty();
            assertThat(queued.prompt()).isEqualTo(job.prompt());
            assertThat(h.stores.jobs().countActive(OWNER)).isEqualTo(active + 1);
        }
        if (!outcome.equals("retried")) {
            assertThat(h.job(job.id())).isEqualTo(job);
            assertThat(h.stores.allJobs()).hasSize(before);
        }
        assertThat(registry.get("recollect.jobs.retried").counter().count())
                .isEqualTo(outcome.equals("retried") ? 1 : 0);
        assertThat(rejected(registry, "too_many_active") - capRefusals).isEqualTo(outcome.equals("cap") ? 1 : 0);
        assertThat(rejected(registry, "rate_limited") - limitRefusals)
                .isEqualTo(outcome.equals("rate limited") ? 1 : 0);
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(c -> {
            for (String each :
                    List.of("not found", "not failed", "failed for good", "cap", "rate limited", "retried")) {
                c.check(each).percentage(p -> p >= 1);
            }
        });
    }

    /** Refusals counted for {@code reason} so far. */
    private static double rejected(SimpleMeterRegistry registry, String reason) {
        return registry.find("recollect.jobs.rejected").tag("reason", reason).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Provide
    Arbitrary<List<JobPath>> histories() {
        return Arbitraries.of(JobPath.class).list().ofMaxSize(12);
    }

    /**
     * A list narrowed to any statuses holds exactly the learner's jobs in them, newest first, and the quota counts the
     * active ones against the cap.
     */
    @SeededProperty
    void aListNarrowedToStatusesHoldsExactlyThoseJobs(
            @ForAll("histories") List<JobPath> paths, @ForAll Set<JobStatus> statuses) {
        PipelineHarness h = new PipelineHarness();
        List<GenerationJob> newestFirst = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            // Every job is created active first: past the cap, none can be.
            if (h.stores.jobs().countActive(OWNER) >= 3) {
                continue;
            }
            newestFirst.add(0, job(h, "Topic " + i, paths.get(i)));
            h.clock.advance(Duration.ofSeconds(1));
        }
        h.jobs.create(new CreateJob.Command(STRANGER, "Not the learner's", null));

        List<GenerationJob> listed = h.jobs.list(
                        new ListRecentJobs.Query(OWNER.value(), PageRequest.MAX_SIZE, null, statuses))
                .items();

        Set<JobStatus> wanted = statuses.isEmpty() ? EnumSet.allOf(JobStatus.class) : statuses;
        assertThat(listed)
                .extracting(GenerationJob::id)
                .containsExactlyElementsOf(newestFirst.stream()
                        .filter(j -> wanted.contains(j.status()))
                        .map(GenerationJob::id)
                        .toList());
        int active =
                (int) newestFirst.stream().filter(j -> !j.status().isTerminal()).count();
        assertThat(h.jobs.quota(OWNER.value())).isEqualTo(new ListRecentJobs.Quota(active, 3));
    }

    /**
     * Pages of any size walk every job of the learner's newest first, without a gap or an overlap, the size clamped
     * as the reference clamps it, and the last page says it is the last.
     */
    @SeededProperty
    void pagesOfAnySizeWalkEveryJobNewestFirst(
            @ForAll @IntRange(max = 45) int count, @ForAll @IntRange(min = 1, max = 120) int limit) {
        PipelineHarness h = new PipelineHarness();
        List<GenerationJob> newestFirst = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            newestFirst.add(0, job(h, "Topic " + i, JobPath.CANCELLED));
            h.clock.advance(Duration.ofMillis(1 + i % 3));
        }
        int size = Math.max(PageRequest.MIN_SIZE, Math.min(PageRequest.MAX_SIZE, limit));

        List<GenerationJob> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        while (true) {
            Page<GenerationJob> page = h.jobs.list(new ListRecentJobs.Query(OWNER.value(), limit, cursor));
            pages++;
            assertThat(page.items().size()).isLessThanOrEqualTo(size);
            walked.addAll(page.items());
            if (page.isDone()) {
                break;
            }
            assertThat(page.items()).hasSize(size);
            cursor = page.next().orElseThrow().encode();
        }

        assertThat(walked)
                .extracting(GenerationJob::id)
                .containsExactlyElementsOf(
                        newestFirst.stream().map(GenerationJob::id).toList());
        assertThat(pages).isBetween(Math.max(1, (count + size - 1) / size), count / size + 1);
    }

    @Provide
    Arbitrary<List<Long>> ages() {
        return Arbitraries.longs().between(0, 40L * 24).list().ofMaxSize(10);
    }

    /**
     * Cleanup deletes exactly the jobs that ended at least their status's retention ago (completed and cancelled 7
     * days, failed 30), counts them by status, and leaves active jobs however old; a second cleanup finds nothing.
     */
    @SeededProperty
    void cleanupDeletesExactlyTheJobsPastTheirRetention(
            @ForAll("histories") List<JobPath> paths, @ForAll("ages") List<Long> hoursAgo) {
        PipelineHarness h = new PipelineHarness();
        Map<JobStatus, Duration> retention = Map.of(
                JobStatus.COMPLETED, Duration.ofDays(7),
                JobStatus.FAILED, Duration.ofDays(30),
                JobStatus.CANCELLED, Duration.ofDays(7));
        assertThat(JobPolicy.DEFAULT.completedRetention()).isEqualTo(retention.get(JobStatus.COMPLETED));
        Instant end = h.clock.instant().plus(Duration.ofDays(41));
        List<GenerationJob> kept = new ArrayList<>();
        int[] deleted = new int[3];
        List<Long> sortedAges =
                hoursAgo.stream().sorted((a, b) -> Long.compare(b, a)).toList();
        for (int i = 0; i < paths.size(); i++) {
            JobPath path = paths.get(i);
            long age = sortedAges.isEmpty() ? 0 : sortedAges.get(Math.min(i, sortedAges.size() - 1));
            Instant at = end.minus(Duration.ofHours(age));
            if (at.isAfter(h.clock.instant())) {
                h.clock.advance(Duration.between(h.clock.instant(), at));
            }
            if (h.stores.jobs().countActive(OWNER) >= 3) {
                continue;
            }
            GenerationJob job = job(h, "Topic " + i, path);
            boolean expired =
                    path.status().isTerminal() && !job.completedAt().isAfter(end.minus(retention.get(path.status())));
            if (expired) {
                deleted[path.status().ordinal() - JobStatus.COMPLETED.ordinal()]++;
            } else {
                kept.add(job);
            }
        }
        h.clock.advance(Duration.between(h.clock.instant(), end));

        CleanupJobs cleanup = h.jobs;
        CleanupCounts counts = cleanup.cleanup().jobs();

        assertThat(counts).isEqualTo(new CleanupCounts(deleted[0], deleted[1], deleted[2]));
        assertThat(h.stores.allJobs()).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(cleanup.cleanup().jobs().total()).isZero();
    }
}
