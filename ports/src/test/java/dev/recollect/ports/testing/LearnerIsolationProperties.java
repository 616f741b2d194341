package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.ChangeLifecycle;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.GetJobDetails;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.ListRecentJobs;
import dev.recollect.ports.in.ReconcileStats;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.in.RetryJob;
import dev.recollect.ports.out.Persistence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Learner isolation as a property: three learners act in any interleaving through every inbound use case (create,
 * work, list, show, cancel, retry, review, answer, counters, lifecycle), and after every step each sees only their own
 * jobs, concepts, phrasings and counters; an action by one learner on another's id is answered exactly as for a
 * missing id and writes nothing. Subclasses give the stores and a snapshot of everything in them, and declare the
 * property with the tries they can afford: {@code check(chain)} over {@code @ForAll("chains")}.
 */
public abstract class LearnerIsolationProperties {
    /** Stores to act on; they may hold other worlds' data, which the world never touches. */
    protected abstract Persistence persistence();

    /** Everything in the stores, as a value equal to an earlier one exactly when nothing was written since. */
    protected abstract Object snapshot();

    /** Runs {@code chain}, checking isolation after every step. */
    protected void check(ActionChain<World> chain) {
        chain.withInvariant(World::eachSeesOnlyTheirOwn).run();
    }

    /** Chains of up to {@code steps} actions by three learners. */
    protected Arbitrary<ActionChain<World>> chains(int steps) {
        return ActionChain.startWith(() -> new World(persistence(), this::snapshot))
                .withAction(3, new Create())
                .withAction(3, new Work())
                .withAction(3, new TouchAnothersJob())
                .withAction(1, new CancelOwnJob())
                .withAction(1, new RetryOwnJob())
                .withAction(3, new ReviewOwn())
                .withAction(3, new TouchAnothersConcept())
                .withAction(1, new ArchiveOwnConcept())
                .withMaxTransformations(steps);
    }

    /** The chains the default property runs. */
    @Provide
    protected Arbitrary<ActionChain<World>> chains() {
        return chains(25);
    }

    /** Three learners of their own over the stores, and who owns what. */
    public static final class World {
        final Recollect recollect;
        final Persistence stores;
        final java.util.function.Supplier<Object> snapshot;
        final MutableClock clock = new MutableClock(Fixtures.T0);
        final List<String> learners;
        final Map<JobId, String> jobOwner = new LinkedHashMap<>();
        final Map<ConceptId, String> conceptOwner = new LinkedHashMap<>();
        final Map<ConceptId, List<PhrasingId>> phrasingsOf = new LinkedHashMap<>();

        World(Persistence stores, java.util.function.Supplier<Object> snapshot) {
            this.stores = stores;
            this.snapshot = snapshot;
            String world = UUID.randomUUID().toString().substring(0, 8);
            this.learners = List.of("ann-" + world, "bob-" + world, "cy-" + world);
            this.recollect = Recollect.builder()
                    .persistence(stores)
                    .models(new ScriptedLlm())
                    .clock(clock)
                    .sleeper(new RecordingSleeper(clock))
                    .seed(11)
                    .build();
        }

        String other(String learner, int pick) {
            List<String> others =
                    learners.stream().filter(l -> !l.equals(learner)).toList();
            return others.get(pick % others.size());
        }

        /** After every step: each learner lists, reads and counts exactly their own. */
        void eachSeesOnlyTheirOwn() {
            for (String learner : learners) {
                Set<JobId> listed =
                        recollect
                                .listRecentJobs()
                                .list(new ListRecentJobs.Query(learner, 100, null, Set.of()))
                                .items()
                                .stream()
                                .map(GenerationJob::id)
                                .collect(Collectors.toSet());
                Set<JobId> own = jobOwner.entrySet().stream()
                        .filter(e -> e.getValue().equals(learner))
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
                assertThat(listed).as("the jobs %s lists", learner).isEqualTo(own);
                assertThat(recollect
                                .reconcileStats()
                                .reconcile(new ReconcileStats.Command(learner))
                                .drift())
                        .as("%s's counters count their own concepts only", learner)
                        .isEqualTo(dev.recollect.domain.stats.StatsDelta.NONE);
            }
            jobOwner.forEach((job, owner) -> {
                for (String learner : learners) {
                    assertThat(recollect.getJob().get(new GetJob.Query(learner, job.toString())))
                            .as("%s reading %s's job", learner, owner)
                            .matches(found -> found.isPresent() == learner.equals(owner));
                }
            });
        }

        /** Runs {@code action}, which must write nothing at all. */
        void writesNothing(String what, Runnable action) {
            Object before = snapshot.get();
            action.run();
            assertThat(snapshot.get()).as("%s wrote nothing", what).isEqualTo(before);
        }

        void learnWhatTheJobMade(JobId job) {
            String owner = jobOwner.get(job);
            GetJobDetails.JobDetails details = recollect
                    .getJobDetails()
                    .details(new GetJob.Query(owner, job.toString()))
                    .orElseThrow();
            for (GetJobDetails.ConceptDetails made : details.concepts()) {
                assertThat(made.concept().userId().value()).isEqualTo(owner);
                conceptOwner.put(made.concept().id(), owner);
                phrasingsOf.put(
                        made.concept().id(),
                        made.phrasings().stream().map(Phrasing::id).toList());
                assertThat(made.phrasings()).allMatch(p -> p.userId().value().equals(owner));
            }
        }
    }

    private static <T> T pick(List<T> items, int index) {
        return items.get(index % items.size());
    }

    /** A learner asks for a job. */
    static final class Create implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(
                            Arbitraries.integers().between(0, 2),
                            Arbitraries.of("Tides", "Rivers", "Glaciers", "Deserts"))
                    .as((who, prompt) -> Transformer.mutate("create " + prompt + " for learner " + who, world -> {
                        String learner = world.learners.get(who);
                        CreateJob.Result result =
                                world.recollect.createJob().create(new CreateJob.Command(learner, prompt, null));
                        if (result instanceof CreateJob.Result.Created created) {
                            assertThat(created.job().userId().value()).isEqualTo(learner);
                            world.jobOwner.put(created.job().id(), learner);
                        }
                    }));
        }
    }

    /** An action on one of the jobs, picked at random; {@code other} picks one of the two other learners. */
    abstract static class OnAJob implements Action.Dependent<World> {
        private final String description;

        OnAJob(String description) {
            this.description = description;
        }

        abstract void act(World world, JobId job, int other);

        @Override
        public boolean precondition(World world) {
            return !world.jobOwner.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            List<JobId> jobs = List.copyOf(world.jobOwner.keySet());
            return Combinators.combine(
                            Arbitraries.integers().between(0, 99),
                            Arbitraries.integers().between(0, 1))
                    .as((i, other) -> Transformer.mutate(description, w -> act(w, pick(jobs, i), other)));
        }
    }

    /** A worker processes one of the jobs. */
    static final class Work extends OnAJob {
        Work() {
            super("work a job");
        }

        @Override
        void act(World w, JobId job, int other) {
            w.recollect.processJob().process(job);
            w.learnWhatTheJobMade(job);
            w.clock.advance(Duration.ofMinutes(1));
        }
    }

    /** One learner reads, cancels and retries another's job: each answered as for a missing one. */
    static final class TouchAnothersJob extends OnAJob {
        TouchAnothersJob() {
            super("touch another's job");
        }

        @Override
        void act(World w, JobId job, int other) {
            String intruder = w.other(w.jobOwner.get(job), other);
            GetJob.Query query = new GetJob.Query(intruder, job.toString());
            String missing = UUID.randomUUID().toString();
            w.writesNothing("another learner's reads, cancel and retry", () -> {
                assertThat(w.recollect.getJob().get(query)).isEmpty();
                assertThat(w.recollect.getJobDetails().details(query)).isEmpty();
                assertThat(w.recollect.cancelJob().cancel(new CancelJob.Command(intruder, job.toString())))
                        .isEqualTo(w.recollect.cancelJob().cancel(new CancelJob.Command(intruder, missing)));
                assertThat(w.recollect.retryJob().retry(new RetryJob.Command(intruder, job.toString(), true, null)))
                        .isEqualTo(w.recollect.retryJob().retry(new RetryJob.Command(intruder, missing, true, null)));
            });
        }
    }

    /** The owner cancels their job. */
    static final class CancelOwnJob extends OnAJob {
        CancelOwnJob() {
            super("cancel own job");
        }

        @Override
        void act(World w, JobId job, int other) {
            assertThat(w.recollect.cancelJob().cancel(new CancelJob.Command(w.jobOwner.get(job), job.toString())))
                    .isNotInstanceOf(CancelJob.Result.NotFound.class);
        }
    }

    /** The owner retries their job, which may not be retryable. */
    static final class RetryOwnJob extends OnAJob {
        RetryOwnJob() {
            super("retry own job");
        }

        @Override
        void act(World w, JobId job, int other) {
            assertThat(w.recollect
                            .retryJob()
                            .retry(new RetryJob.Command(w.jobOwner.get(job), job.toString(), true, null)))
                    .isNotInstanceOf(RetryJob.Result.NotFound.class);
        }
    }

    /** A learner reviews: the queue offers only their own concepts, and they answer. */
    static final class ReviewOwn implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of("1", "2", "x"))
                    .as((who, answer) -> Transformer.mutate("review for learner " + who, world -> {
                        String learner = world.learners.get(who);
                        GetNextReview.Result next =
                                world.recollect.getNextReview().next(new GetNextReview.Query(learner));
                        next.review().ifPresent(item -> {
                            assertThat(item.concept().userId().value()).isEqualTo(learner);
                            assertThat(item.phrasing().userId().value()).isEqualTo(learner);
                            assertThat(item.recentInteractions())
                                    .allMatch(i -> i.userId().value().equals(learner));
                            RecordInteraction.Result recorded = world.recollect
                                    .recordInteraction()
                                    .record(new RecordInteraction.Command(
                                            learner,
                                            item.concept().id().toString(),
                                            item.phrasing().id().toString(),
                                            answer,
                                            null,
                                            null,
                                            null));
                            assertThat(recorded).isInstanceOf(RecordInteraction.Result.Recorded.class);
                        });
                        world.clock.advance(Duration.ofMinutes(5));
                    }));
        }
    }

    /** One learner answers, archives and deletes another's concept or phrasing: missing, and nothing written. */
    static final class TouchAnothersConcept implements Action.Dependent<World> {
        @Override
        public boolean precondition(World world) {
            return world.phrasingsOf.values().stream().anyMatch(p -> !p.isEmpty());
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            List<ConceptId> concepts = world.phrasingsOf.entrySet().stream()
                    .filter(e -> !e.getValue().isEmpty())
                    .map(Map.Entry::getKey)
                    .toList();
            return Combinators.combine(
                            Arbitraries.integers().between(0, 99),
                            Arbitraries.integers().between(0, 1),
                            Arbitraries.of(Lifecycle.values()))
                    .as((i, o, change) -> Transformer.mutate("touch another's concept", w -> {
                        ConceptId concept = pick(concepts, i);
                        PhrasingId phrasing = w.phrasingsOf.get(concept).get(0);
                        String intruder = w.other(w.conceptOwner.get(concept), o);
                        w.writesNothing("another learner's answer and lifecycle changes", () -> {
                            assertThat(w.recollect
                                            .recordInteraction()
                                            .record(new RecordInteraction.Command(
                                                    intruder,
                                                    concept.toString(),
                                                    phrasing.toString(),
                                                    "1",
                                                    null,
                                                    null,
                                                    null)))
                                    .isEqualTo(new RecordInteraction.Result.NotFound());
                            for (ChangeLifecycle.Item item : ChangeLifecycle.Item.values()) {
                                String id =
                                        item == ChangeLifecycle.Item.CONCEPT ? concept.toString() : phrasing.toString();
                                assertThat(w.recollect
                                                .changeLifecycle()
                                                .change(new ChangeLifecycle.Command(intruder, item, id, change)))
                                        .isEqualTo(new ChangeLifecycle.Result.NotFound());
                            }
                        });
                    }));
        }
    }

    /** The owner archives or restores one of their concepts. */
    static final class ArchiveOwnConcept implements Action.Dependent<World> {
        @Override
        public boolean precondition(World world) {
            return !world.conceptOwner.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            List<ConceptId> concepts = new ArrayList<>(world.conceptOwner.keySet());
            return Combinators.combine(
                            Arbitraries.integers().between(0, 99),
                            Arbitraries.of(Lifecycle.ARCHIVE, Lifecycle.UNARCHIVE))
                    .as((i, change) -> Transformer.mutate(change + " own concept", w -> {
                        ConceptId concept = pick(concepts, i);
                        ChangeLifecycle.Result result = w.recollect
                                .changeLifecycle()
                                .change(new ChangeLifecycle.Command(
                                        w.conceptOwner.get(concept),
                                        ChangeLifecycle.Item.CONCEPT,
                                        concept.toString(),
                                        change));
                        assertThat(result).isInstanceOf(ChangeLifecycle.Result.Applied.class);
                    }));
        }
    }
}
