package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.JobId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
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
