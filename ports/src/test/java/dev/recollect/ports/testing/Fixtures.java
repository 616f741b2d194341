package dev.recollect.ports.testing;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.generation.PreparedPhrasing;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Reviewer;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.service.Reviews;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** Object mothers for tests: unique ids (so that tests sharing a database never collide) and valid values. */
public final class Fixtures {
    /** A fixed instant that tests start from. */
    public static final Instant T0 = Instant.parse("2025-01-16T12:00:00Z");

    private Fixtures() {}

    /** A user no other test uses. */
    public static UserId newUser() {
        return new UserId("user-" + UUID.randomUUID());
    }

    /** A pending job of {@code user} created at {@code at}. */
    public static GenerationJob job(UserId user, Instant at) {
        return GenerationJob.create(new JobId(UUID.randomUUID()), user, "Photosynthesis", null, at);
    }

    /** A pending job of {@code user} from {@code ip}, created at {@code at}. */
    public static GenerationJob jobFromIp(UserId user, String ip, Instant at) {
        return GenerationJob.create(new JobId(UUID.randomUUID()), user, "Photosynthesis", ip, at);
    }

    /** A new concept of {@code user} titled {@code title}, from {@code job} (may be null). */
    public static Concept concept(UserId user, String title, JobId job, Instant at) {
        return Concept.created(new ConceptId(UUID.randomUUID()), user, title, "About " + title + ".", job, at);
    }

    /** A generated phrasing of {@code concept} with {@code question}. */
    public static Phrasing phrasing(Concept concept, String question, Instant at) {
        PreparedPhrasing prepared = new PreparedPhrasing(
                question, "Because it is so, as explained.", PhrasingType.MULTIPLE_CHOICE, List.of("A", "B", "C"), "A");
        return Phrasing.generated(new PhrasingId(UUID.randomUUID()), concept.userId(), concept.id(), prepared, at);
    }

    /**
     * Claims every claimable job so far (other tests' jobs), so that a test sees only its own: "in the future",
     * after every job was created, with a lease that never runs out within the tests.
     */
    public static void claimEverything(JobStore jobs) {
        Instant future = Instant.parse("2100-01-01T00:00:00Z");
        while (!jobs.claim(500, "drain", java.time.Duration.ofDays(3650), future)
                .isEmpty()) {
            // Keep claiming until nothing is left.
        }
    }

    /** The review use cases over {@code stores}, with the reference's FSRS settings and a queue shuffled by {@code seed}. */
    public static Reviews reviews(InMemoryStores stores, Clock clock, long seed) {
        return reviews(stores, clock, seed, Metrics.NONE);
    }

    /** Like {@link #reviews(InMemoryStores, Clock, long)}, recording into {@code metrics}. */
    public static Reviews reviews(InMemoryStores stores, Clock clock, long seed, Metrics metrics) {
        return new Reviews(
                stores.concepts(),
                stores.phrasings(),
                stores.reviews(),
                stores.userStats(),
                stores.learnerParameters(),
                new Reviewer(new Scheduler(Reviewer.referenceParameters())),
                new SequentialIds(),
                clock,
                new SplittableRandom(seed),
                metrics);
    }
}
