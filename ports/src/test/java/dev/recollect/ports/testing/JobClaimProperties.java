package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.JobId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.RateLimitRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * How every {@link JobStore} hands jobs to workers, as a property against a model of leases: claims take the jobs
 * whose worker was lost (in the order their leases ran out) before pending ones (oldest first), start or rescue them
 * and lease them; only the lease holder renews or releases its lease, and a released job is claimable at once. Claims
 * see the whole store, so each try needs an empty one.
 */
public interface JobClaimProperties {
    /** An empty job store; called once per try. */
    JobStore freshJobs();

    /** How long a claim leases its jobs. */
    Duration LEASE = Duration.ofSeconds(30);

    /** One step of a worker's life. */
    record Step(Kind kind, String worker, int number) {}

    /** What a step does; {@code number} is a batch size, a job's index, or seconds to pass. */
    enum Kind {
        CREATE,
        CLAIM,
        RENEW,
        RENEW_STALE,
        RELEASE,
        CANCEL,
        PASS
    }

    @Provide
    default Arbitrary<List<Step>> lives() {
        return Combinators.combine(
                        Arbitraries.frequencyOf(
                                Tuple.of(4, Arbitraries.just(Kind.CREATE)),
                                Tuple.of(4, Arbitraries.just(Kind.CLAIM)),
                                Tuple.of(2, Arbitraries.just(Kind.RENEW)),
                                Tuple.of(1, Arbitraries.just(Kind.RENEW_STALE)),
                                Tuple.of(2, Arbitraries.just(Kind.RELEASE)),
                                Tuple.of(1, Arbitraries.just(Kind.CANCEL)),
                                Tuple.of(3, Arbitraries.just(Kind.PASS))),
                        Arbitraries.of("a", "b"),
                        Arbitraries.of(0, 1, 2, 3, 29, 30, 31))
                .as(Step::new)
                .list()
                .ofMaxSize(24);
    }

    /** A job's lease in the model: its holder, the attempt it holds, and until when ({@code null}: released). */
    final class Lease {
        final String worker;
        final int attempt;
        Instant until;

        Lease(String worker, int attempt, Instant until) {
            this.worker = worker;
            this.attempt = attempt;
            this.until = until;
        }
    }

    @SeededProperty
    default void claimsRescueLostJobsFirstThenTheOldestPendingAndOnlyHoldersKeepLeases(
            @ForAll("lives") List<Step> steps) {
        JobStore jobs = freshJobs();
        JobPolicy roomy = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1000).build();
        RateLimitRule unlimited = new RateLimitRule("claims", 1_000_000, Duration.ofHours(1), "slow down");
        Map<JobId, GenerationJob> model = new LinkedHashMap<>();
        Map<JobId, Lease> leases = new LinkedHashMap<>();
        Instant now = T0;
        for (Step step : steps) {
            List<JobId> ids = new ArrayList<>(model.keySet());
            JobId picked = ids.isEmpty() ? null : ids.get(step.number() % ids.size());
            switch (step.kind()) {
                case CREATE -> {
                    GenerationJob job = Fixtures.job(Fixtures.newUser(), now);
                    jobs.createIfAllowed(job, roomy, unlimited, now);
                    model.put(job.id(), job);
                }
                case CLAIM -> {
                    Instant at = now;
                    int max = 1 + step.number() % 3;
                    List<GenerationJob> lost = model.values().stream()
                            .filter(j -> j.status() == JobStatus.PROCESSING)
                            .filter(j -> leases.get(j.id()).until == null
                                    || leases.get(j.id()).until.isBefore(at))
                            .sorted(Comparator.comparing(
                                            (GenerationJob j) -> leases.get(j.id()).until,
                                            Comparator.nullsFirst(Comparator.naturalOrder()))
                                    .thenComparing(GenerationJob::createdAt)
                                    .thenComparing(GenerationJob::id))
                            .toList();
                    List<GenerationJob> pending = model.values().stream()
                            .filter(j -> j.status() == JobStatus.PENDING)
                            .sorted(Comparator.comparing(GenerationJob::createdAt)
                                    .thenComparing(GenerationJob::id))
                            .toList();
                    List<GenerationJob> expected = new ArrayList<>();
                    for (GenerationJob job : concat(lost, pending)) {
                        if (expected.size() == max) {
                            break;
                        }
                        GenerationJob claimed =
                                (job.status() == JobStatus.PROCESSING ? job.rescue(at) : job.start(at)).job();
                        expected.add(claimed);
                        model.put(job.id(), claimed);
                        leases.put(job.id(), new Lease(step.worker(), claimed.attempts(), at.plus(LEASE)));
                    }

                    assertThat(jobs.claim(max, step.worker(), LEASE, at)).isEqualTo(expected);
                }
                case RENEW, RENEW_STALE -> {
                    if (picked != null) {
                        GenerationJob job = model.get(picked);
                        int attempt = job.attempts() - (step.kind() == Kind.RENEW_STALE ? 1 : 0);
                        Lease lease = leases.get(picked);
                        boolean holds = job.status() == JobStatus.PROCESSING
                                && lease.worker.equals(step.worker())
                                && lease.attempt == attempt;

                        assertThat(jobs.renewLease(picked, attempt, step.worker(), now.plus(LEASE)))
                                .isEqualTo(holds);

                        if (holds) {
                            lease.until = now.plus(LEASE);
                        }
                    }
                }
                case RELEASE -> {
                    if (picked != null) {
                        GenerationJob job = model.get(picked);
                        Lease lease = leases.get(picked);
                        jobs.releaseLease(picked, job.attempts(), step.worker());
                        if (job.status() == JobStatus.PROCESSING && lease.worker.equals(step.worker())) {
                            lease.until = null;
                        }
                    }
                }
                case CANCEL -> {
                    if (picked != null) {
                        Instant at = now;
                        jobs.transition(picked, j -> j.cancel(at));
                        model.put(picked, model.get(picked).cancel(at).job());
                    }
                }
                case PASS -> now = now.plusSeconds(step.number());
            }
            model.values().forEach(job -> assertThat(jobs.find(job.id())).contains(job));
        }
    }

    private static List<GenerationJob> concat(List<GenerationJob> first, List<GenerationJob> then) {
        List<GenerationJob> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }
}
