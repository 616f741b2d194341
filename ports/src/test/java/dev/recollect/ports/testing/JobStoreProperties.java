package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.job.JobTransition;
import dev.recollect.domain.paging.Page;
import dev.recollect.domain.paging.PageRequest;
import dev.recollect.domain.testing.DomainArbitraries;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.JobStore.Admission;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.RateLimitRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * What every {@link JobStore} must do, stated as properties against a model: admissions under the cap and the sliding
 * window per learner and per address, retries, paging and writes that keep every field. Each try works with learners,
 * addresses and rate-limit buckets of its own, so the properties can share one database; a subclass gives the stores
 * and, on PostgreSQL, fewer tries ({@code @PropertyDefaults}).
 */
public abstract class JobStoreProperties {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final RateLimitRule UNLIMITED = new RateLimitRule("contract", 1_000_000, HOUR, "slow down");

    /** The stores under test; called once per try. */
    public abstract Persistence stores();

    private static RateLimitRule rule(int max) {
        return new RateLimitRule("property-" + UUID.randomUUID(), max, HOUR, "slow");
    }

    /** An IPv6 literal no other try uses. */
    private static String newAddress() {
        UUID id = UUID.randomUUID();
        return String.format(
                "2001:db8:%x:%x::%x",
                id.getMostSignificantBits() & 0xffff,
                (id.getMostSignificantBits() >>> 16) & 0xffff,
                id.getLeastSignificantBits() & 0xffff);
    }

    /** One step: a learner (0–2) creates a job from an address (0–1, or none), starts or ends their oldest. */
    public record Step(Kind kind, int learner, int address, long gapMillis) {}

    /** What a step does. */
    public enum Kind {
        CREATE,
        START,
        CANCEL
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Kind.CREATE)),
                Tuple.of(1, Arbitraries.just(Kind.START)),
                Tuple.of(2, Arbitraries.just(Kind.CANCEL)));
        Arbitrary<Long> gaps = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 999L, 1000L, 3_600_000L),
                Arbitraries.longs().between(0, 1_800_000));
        return Combinators.combine(
                        kinds,
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(-1, 1),
                        gaps)
                .as(Step::new)
                .list()
                .ofMaxSize(25);
    }

    /**
     * A creation is refused by the cap while the learner has that many pending or processing jobs, else by the
     * sliding window when the learner or the address already made the maximum in the last hour (waiting exactly until
     * one leaves, rounded up to a second), else admitted and recorded for both; a refusal records nothing.
     */
    @SeededProperty
    void admissionsFollowTheCapThenTheSlidingWindowPerLearnerAndAddress(
            @ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 1, max = 3) int cap,
            @ForAll @IntRange(min = 1, max = 4) int max) {
        JobStore jobs = stores().jobs();
        JobPolicy policy = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(cap).build();
        RateLimitRule rule = rule(max);
        List<UserId> learners = List.of(Fixtures.newUser(), Fixtures.newUser(), Fixtures.newUser());
        List<String> addresses = List.of(newAddress(), newAddress());
        Map<String, List<Instant>> admitted = new HashMap<>();
        Map<JobId, GenerationJob> model = new LinkedHashMap<>();
        Instant now = T0;
        for (Step step : steps) {
            now = now.plusMillis(step.gapMillis());
            UserId learner = learners.get(step.learner());
            List<GenerationJob> active = model.values().stream()
                    .filter(j -> j.userId().equals(learner) && !j.status().isTerminal())
                    .sorted(Comparator.comparing(GenerationJob::createdAt))
                    .toList();
            switch (step.kind()) {
                case CREATE -> {
                    String address = step.address() < 0 ? null : addresses.get(step.address());
                    GenerationJob job =
                            GenerationJob.create(new JobId(UUID.randomUUID()), learner, "Photosynthesis", address, now);
                    Admission expected = expectedAdmission(job, active.size(), cap, max, admitted, now);
                    assertThat(jobs.createIfAllowed(job, policy, rule, now)).isEqualTo(expected);
                    if (expected instanceof Admission.Created) {
                        model.put(job.id(), job);
                        for (String key : keys(job)) {
                            admitted.computeIfAbsent(key, k -> new ArrayList<>())
                                    .add(now);
                        }
                    } else {
                        assertThat(jobs.find(job.id())).isEmpty();
                    }
                }
                case START, CANCEL -> {
                    Instant at = now;
                    Optional<GenerationJob> oldest = active.stream()
                            .filter(j -> step.kind() == Kind.CANCEL || j.status() == JobStatus.PENDING)
                            .findFirst();
                    oldest.ifPresent(j -> {
                        JobTransition t = jobs.transition(
                                        j.id(), x -> step.kind() == Kind.START ? x.start(at) : x.cancel(at))
                                .orElseThrow();
                        assertThat(t.applied()).isTrue();
                        model.put(j.id(), t.job());
                    });
                }
            }
            for (UserId each : learners) {
                assertThat(jobs.countActive(each))
                        .isEqualTo(model.values().stream()
                                .filter(j ->
                                        j.userId().equals(each) && !j.status().isTerminal())
                                .count());
            }
        }
        model.values().forEach(job -> assertThat(jobs.find(job.id())).contains(job));
    }

    private static List<String> keys(GenerationJob job) {
        List<String> keys = new ArrayList<>(List.of("learner:" + job.userId().value()));
        job.ip().ifPresent(ip -> keys.add("address:" + ip));
        return keys;
    }

    private static Admission expectedAdmission(
            GenerationJob job, int active, int cap, int max, Map<String, List<Instant>> admitted, Instant now) {
        if (active >= cap) {
            return new Admission.TooManyActive(active, cap);
        }
        long wait = 0;
        for (String key : keys(job)) {
            List<Instant> inWindow = admitted.getOrDefault(key, List.of()).stream()
                    .filter(t -> t.isAfter(now.minus(HOUR)))
                    .sorted()
                    .toList();
            if (inWindow.size() >= max) {
                // Allowed again once all but max - 1 of them have left the window.
                Instant leaves = inWindow.get(inWindow.size() - max).plus(HOUR);
                long millis = Duration.between(now, leaves).toMillis();
                wait = Math.max(wait, (millis + 999) / 1000);
            }
        }
        return wait > 0 ? new Admission.RateLimited(wait) : new Admission.Created(job);
    }

    /** Who asks for the retry. */
    public enum Requester {
        OWNER,
        STRANGER,
        NO_SUCH_JOB
    }

    /** Stores a job of {@code user}'s along {@code path}, at {@code at}. */
    private static GenerationJob stored(JobStore jobs, UserId user, String address, JobPath path, Instant at) {
        GenerationJob job = Fixtures.jobFromIp(user, address, at);
        jobs.createIfAllowed(job, JobPolicy.DEFAULT, UNLIMITED, at);
        return path.drive(jobs, job.id(), at);
    }

    /**
     * A retry is answered as a missing job for anyone but the owner, refused as the job's own rules refuse it, then
     * held to the cap and the sliding window exactly as a creation is (the address's too); only an admitted retry
     * writes, and it writes the job as its rules queue it again.
     */
    @SeededProperty
    void aRetryIsDecidedByTheOwnerTheJobsRulesTheCapAndTheWindow(
            @ForAll JobPath path,
            @ForAll Requester requester,
            @ForAll boolean force,
            @ForAll @IntRange(max = 3) int others,
            @ForAll boolean addressUsedUp) {
        JobStore jobs = stores().jobs();
        UserId owner = Fixtures.newUser();
        String address = newAddress();
        RateLimitRule rule = rule(2);
        GenerationJob job = stored(jobs, owner, null, path, T0);
        for (int i = 0; i < others; i++) {
            jobs.createIfAllowed(Fixtures.job(owner, T0), JobPolicy.DEFAULT, UNLIMITED, T0);
        }
        if (addressUsedUp) {
            for (int i = 0; i < 2; i++) {
                jobs.createIfAllowed(Fixtures.jobFromIp(Fixtures.newUser(), address, T0), JobPolicy.DEFAULT, rule, T0);
            }
        }
        long active = jobs.countActive(owner);
        JobId asked = requester == Requester.NO_SUCH_JOB ? new JobId(UUID.randomUUID()) : job.id();
        UserId by = requester == Requester.STRANGER ? Fixtures.newUser() : owner;

        JobStore.RetryAdmission answer = jobs.retryIfAllowed(
                asked, by, address, j -> j.retry(force), JobPolicy.DEFAULT, rule, T0.plusSeconds(1));

        JobTransition rules = job.retry(force);
        if (requester != Requester.OWNER) {
            assertThat(answer).isEqualTo(new JobStore.RetryAdmission.Missing());
        } else if (!rules.applied()) {
            assertThat(answer).isEqualTo(new JobStore.RetryAdmission.Refused((JobTransition.Refused) rules));
        } else if (active >= 3) {
            assertThat(answer).isEqualTo(new Admission.TooManyActive((int) active, 3));
        } else if (addressUsedUp) {
            assertThat(answer).isEqualTo(new Admission.RateLimited(3599));
        } else {
            assertThat(answer).isEqualTo(new JobStore.RetryAdmission.Retried(rules.job()));
            assertThat(jobs.find(job.id())).contains(rules.job());
            return;
        }
        assertThat(jobs.find(job.id())).contains(job);
    }

    /**
     * A learner's jobs come newest first (the id breaking ties, in PostgreSQL's order), in pages of any size that
     * together hold every job once, without another learner's; the last page has no next cursor.
     */
    @SeededProperty
    void pagesWalkEveryJobOfTheLearnerNewestFirst(
            @ForAll("creationSeconds") List<Integer> seconds,
            @ForAll @IntRange(min = PageRequest.MIN_SIZE, max = 15) int size) {
        JobStore jobs = stores().jobs();
        UserId learner = Fixtures.newUser();
        JobPolicy roomy = JobPolicy.DEFAULT.toBuilder().maxActivePerUser(1000).build();
        List<GenerationJob> created = new ArrayList<>();
        for (int second : seconds) {
            GenerationJob job = Fixtures.job(learner, T0.plusSeconds(second));
            jobs.createIfAllowed(job, roomy, UNLIMITED, T0);
            created.add(job);
            jobs.createIfAllowed(Fixtures.job(Fixtures.newUser(), T0.plusSeconds(second)), roomy, UNLIMITED, T0);
        }
        List<GenerationJob> newestFirst = created.stream()
                .sorted(Comparator.comparing(GenerationJob::createdAt)
                        .thenComparing(GenerationJob::id)
                        .reversed())
                .toList();

        List<GenerationJob> walked = new ArrayList<>();
        Page<GenerationJob> page = jobs.listRecent(learner, new PageRequest(size, Optional.empty()));
        walked.addAll(page.items());
        int pages = 1;
        while (!page.isDone()) {
            assertThat(page.items()).hasSize(size);
            page = jobs.listRecent(learner, new PageRequest(size, page.next()));
            walked.addAll(page.items());
            pages++;
        }

        assertThat(walked).isEqualTo(newestFirst);
        assertThat(pages)
                .as("a page that ends at the last job is the last")
                .isEqualTo(Math.max(1, (seconds.size() + size - 1) / size));
    }

    @Provide
    Arbitrary<List<Integer>> creationSeconds() {
        // Few distinct seconds, so that many jobs share a creation time.
        return Arbitraries.integers().between(0, 5).list().ofMaxSize(32);
    }

    /**
     * A job in any state the domain can reach is written and read back field for field; a transition its rules refuse
     * writes nothing, and a missing job has no transition.
     */
    @SeededProperty
    void anyJobIsWrittenAndReadBackFieldForField(@ForAll("reachableJobs") GenerationJob state) {
        JobStore jobs = stores().jobs();
        GenerationJob fresh = GenerationJob.create(
                new JobId(UUID.randomUUID()), Fixtures.newUser(), state.prompt(), state.ipAddress(), state.createdAt());
        jobs.createIfAllowed(fresh, JobPolicy.DEFAULT, UNLIMITED, T0);
        assertThat(jobs.find(fresh.id())).contains(fresh);
        GenerationJob reached = fresh.toBuilder()
                .status(state.status())
                .phase(state.phase())
                .questionsGenerated(state.questionsGenerated())
                .questionsSaved(state.questionsSaved())
                .estimatedTotal(state.estimatedTotal())
                .topic(state.topic())
                .conceptIds(state.conceptIds())
                .pendingConceptIds(state.pendingConceptIds())
                .durationMs(state.durationMs())
                .error(state.error())
                .startedAt(state.startedAt())
                .completedAt(state.completedAt())
                .attempts(state.attempts())
                .rescues(state.rescues())
                .retries(state.retries())
                .build();

        JobTransition written = jobs.transition(fresh.id(), j -> new JobTransition.Applied(reached))
                .orElseThrow();

        assertThat(written.job()).isEqualTo(reached);
        assertThat(jobs.find(fresh.id())).contains(reached);
        JobTransition refused = jobs.transition(
                        fresh.id(), j -> new JobTransition.Refused(j, JobTransition.Reason.ALREADY_TERMINAL))
                .orElseThrow();
        assertThat(refused.applied()).isFalse();
        assertThat(jobs.find(fresh.id())).contains(reached);
        assertThat(jobs.transition(new JobId(UUID.randomUUID()), j -> j.cancel(T0)))
                .isEmpty();
    }

    @Provide
    Arbitrary<GenerationJob> reachableJobs() {
        return DomainArbitraries.jobs();
    }
}
