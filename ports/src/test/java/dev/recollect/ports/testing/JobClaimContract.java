package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.JobId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.Persistence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** How every {@link JobStore} hands jobs to workers: claims, leases and rescue. */
public interface JobClaimContract {
    /** The stores under test. */
    Persistence stores();

    Duration LEASE = Duration.ofSeconds(30);
    JobPolicy ROOMY = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1000).build();

    private JobStore jobs() {
        return stores().jobs();
    }

    /**
     * Claims everything claimable so far (other tests' jobs), so that each test sees only its own. It claims "in
     * the future", after every job was created, with a lease that never expires within the tests.
     */
    private void drain(Instant now) {
        Fixtures.claimEverything(jobs());
    }

    private List<JobId> createPending(int n, Instant at) {
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GenerationJob job = Fixtures.job(Fixtures.newUser(), at.plusMillis(i));
            jobs().createIfAllowed(job, ROOMY, JobStoreContract.UNLIMITED, at);
            ids.add(job.id());
        }
        return ids;
    }

    @Test
    default void aClaimedJobIsStartedAndLeasedToOneWorkerOnly() {
        Instant now = T0.plus(Duration.ofDays(1));
        drain(now);
        JobId id = createPending(1, now).get(0);

        List<GenerationJob> claimed = jobs().claim(5, "worker-a", LEASE, now);

        assertThat(claimed).extracting(GenerationJob::id).containsExactly(id);
        GenerationJob job = claimed.get(0);
        assertThat(job.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.startedAt()).isEqualTo(now);
        assertThat(jobs().find(id)).contains(job);
        assertThat(jobs().claim(5, "worker-b", LEASE, now.plusSeconds(29))).isEmpty();
        assertThat(jobs().renewLease(id, 1, "worker-a", now.plusSeconds(60))).isTrue();
        assertThat(jobs().renewLease(id, 1, "worker-b", now.plusSeconds(60))).isFalse();
        assertThat(stores().jobReports().countStuck(now.plusSeconds(59))).isZero();
    }

    @Test
    default void aJobWhoseLeaseExpiredIsRescuedWithANewAttempt() {
        Instant now = T0.plus(Duration.ofDays(2));
        drain(now);
        JobId id = createPending(1, now).get(0);
        jobs().claim(1, "dead-worker", LEASE, now);
        Instant later = now.plus(LEASE).plusMillis(1);
        assertThat(stores().jobReports().countStuck(later)).isEqualTo(1);

        List<GenerationJob> rescued = jobs().claim(1, "rescuer", LEASE, later);

        assertThat(rescued).extracting(GenerationJob::id).containsExactly(id);
        assertThat(rescued.get(0).attempts()).isEqualTo(2);
        assertThat(rescued.get(0).rescues())
                .as("the lost worker is counted apart from errors")
                .isEqualTo(1);
        assertThat(rescued.get(0).startedAt()).isEqualTo(now);
        assertThat(jobs().renewLease(id, 1, "dead-worker", later.plusSeconds(30)))
                .isFalse();
        assertThat(jobs().renewLease(id, 2, "rescuer", later.plusSeconds(30))).isTrue();
    }

    @Test
    default void aClaimFillsItsBatchWithPendingJobsAfterTheRescued() {
        Instant now = T0.plus(Duration.ofDays(6));
        drain(now);
        JobId stuck = createPending(1, now).get(0);
        jobs().claim(1, "dead", LEASE, now);
        JobId fresh = createPending(1, now.plusSeconds(1)).get(0);
        createPending(1, now.plusSeconds(2));
        Instant later = now.plus(LEASE).plusSeconds(5);

        assertThat(jobs().claim(2, "rescuer", LEASE, later))
                .extracting(GenerationJob::id)
                .containsExactly(stuck, fresh);
    }

    @Test
    default void aReleasedJobCanBeClaimedAtOnce() {
        Instant now = T0.plus(Duration.ofDays(3));
        drain(now);
        JobId id = createPending(1, now).get(0);
        jobs().claim(1, "leaving", LEASE, now);
        jobs().releaseLease(id, 1, "leaving");
        assertThat(jobs().claim(1, "next", LEASE, now))
                .extracting(GenerationJob::id)
                .containsExactly(id);
        jobs().releaseLease(id, 1, "leaving");
        assertThat(jobs().claim(1, "other", LEASE, now)).isEmpty();
    }

    @Test
    default void finishedJobsAreNeverClaimedAndTheirLeasesCannotBeRenewed() {
        Instant now = T0.plus(Duration.ofDays(4));
        drain(now);
        JobId id = createPending(1, now).get(0);
        jobs().claim(1, "w", LEASE, now);
        jobs().transition(id, j -> j.cancel(now));
        assertThat(jobs().renewLease(id, 1, "w", now.plusSeconds(60))).isFalse();
        assertThat(jobs().claim(5, "w", LEASE, now.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    default void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        Instant now = T0.plus(Duration.ofDays(5));
        drain(now);
        List<JobId> created = createPending(40, now);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<JobId>>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "worker-" + w;
                workers.add(() -> {
                    List<JobId> mine = new ArrayList<>();
                    List<GenerationJob> batch;
                    while (!(batch = jobs().claim(3, worker, LEASE, now.plusSeconds(1))).isEmpty()) {
                        batch.forEach(j -> mine.add(j.id()));
                    }
                    return mine;
                });
            }
            List<JobId> all = new ArrayList<>();
            for (Future<List<JobId>> result : pool.invokeAll(workers)) {
                all.addAll(result.get());
            }
            Set<JobId> distinct = new HashSet<>(all);
            assertThat(all).hasSameSizeAs(distinct);
            assertThat(distinct).containsExactlyInAnyOrderElementsOf(created);
        } finally {
            pool.shutdownNow();
        }
    }
}
