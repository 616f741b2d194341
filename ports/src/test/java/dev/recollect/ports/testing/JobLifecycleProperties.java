package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.job.JobTransition;
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.RetryJob;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.service.GenerationJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * A stateful test: random chains of create, cancel, claim, progress, complete, fail (retryably or for good), rescue,
 * retry (forced or not), time passing and cleanup, checked after every step against the domain's rules applied to a
 * model of every job; run on the in-memory stores and on PostgreSQL.
 */
public abstract class JobLifecycleProperties {
    private static final List<UserId> USERS = List.of(new UserId("ann"), new UserId("bob"), new UserId("cy"));

    /** An empty job store for one chain. */
    public abstract JobStore freshJobs();

    /** Every job in the store {@link #freshJobs()} last gave. */
    protected abstract List<GenerationJob> allJobs();

    /** The system under test and what it should contain. */
    public static final class World {
        final Harness h;
        final Map<JobId, GenerationJob> model = new HashMap<>();

        World(JobStore store, Supplier<List<GenerationJob>> all) {
            this.h = new Harness(store, all);
        }

        final List<JobId> known = new ArrayList<>();

        void checkInvariants() {
            for (UserId user : USERS) {
                assertThat(h.store.countActive(user)).isLessThanOrEqualTo(3);
            }
            assertThat(h.all.get()).hasSameSizeAs(model.values());
            for (GenerationJob stored : h.all.get()) {
                GenerationJob expected = model.get(stored.id());
                assertThat(stored).isEqualTo(expected);
            }
        }

        /**
         * Applies {@code change} through the store and to the model's job: the store must answer exactly as the
         * domain's rules do on the job as the model has it (applied or refused, and why); a terminal job refuses it.
         */
        void change(JobId id, Function<GenerationJob, JobTransition> change) {
            GenerationJob before = model.get(id);
            JobTransition transition = h.store.transition(id, change).orElseThrow();
            assertThat(transition).isEqualTo(change.apply(before));
            if (before.status().isTerminal()) {
                assertThat(transition.applied()).as("a terminal job changed").isFalse();
            }
            GenerationJob after = transition.job();
            assertThat(after.questionsGenerated()).isGreaterThanOrEqualTo(before.questionsGenerated());
            assertThat(after.questionsSaved()).isGreaterThanOrEqualTo(before.questionsSaved());
            model.put(id, after);
        }

        /**
         * The owner retries {@code id} through the use case: refused as the job's rules refuse it, then by the cap,
         * else queued again exactly as the rules say.
         */
        void retry(JobId id, boolean force) {
            GenerationJob before = model.get(id);
            long active = model.values().stream()
                    .filter(j ->
                            j.userId().equals(before.userId()) && j.status().isActive())
                    .count();
            JobTransition rules = before.retry(force);

            RetryJob.Result result =
                    h.jobs.retry(new RetryJob.Command(before.userId().value(), id.toString(), force, null));

            if (!rules.applied()) {
                assertThat(result).isInstanceOfSatisfying(RetryJob.Result.NotRetryable.class, r -> assertThat(r.job())
                        .isEqualTo(before));
            } else if (active >= JobPolicy.DEFAULT.maxActivePerUser()) {
                assertThat(result).isInstanceOf(RetryJob.Result.TooManyActiveJobs.class);
            } else {
                assertThat(result).isEqualTo(new RetryJob.Result.Retried(rules.job()));
                model.put(id, rules.job());
            }
        }

        JobId pick(int index) {
            return known.get(index % known.size());
        }

        boolean hasJobs() {
            return !model.isEmpty();
        }
    }

    /** Runs {@code chain}, checking the stores against the model after every step. */
    protected void check(ActionChain<World> chain) {
        chain.withInvariant(World::checkInvariants).run();
    }

    /** Chains of up to {@code steps} actions. */
    protected Arbitrary<ActionChain<World>> chains(int steps) {
        return ActionChain.startWith(() -> new World(freshJobs(), this::allJobs))
                .withAction(4, new Create())
                .withAction(2, new OnAJob("cancel", (w, id) -> {
                    GenerationJob job = w.model.get(id);
                    CancelJob.Result result =
                            w.h.jobs.cancel(new CancelJob.Command(job.userId().value(), id.toString()));
                    assertThat(result instanceof CancelJob.Result.Cancelled)
                            .isEqualTo(job.status().isActive());
                    w.model.put(id, w.h.store.find(id).orElseThrow());
                }))
                .withAction(3, new OnAJob("claim", (w, id) -> w.change(id, j -> j.start(w.h.clock.instant()))))
                .withAction(3, new OnAJob("progress", (w, id) -> w.change(id, j -> j.addProgress(2, 1))))
                .withAction(
                        2, new OnAJob("complete", (w, id) -> w.change(id, j -> j.complete("t", w.h.clock.instant()))))
                .withAction(
                        1,
                        new OnAJob(
                                "fail",
                                (w, id) -> w.change(
                                        id,
                                        j -> j.fail(
                                                new JobError(ErrorCode.NETWORK, "down", true), w.h.clock.instant()))))
                .withAction(
                        1,
                        new OnAJob(
                                "fail for good",
                                (w, id) -> w.change(
                                        id,
                                        j -> j.fail(
                                                new JobError(ErrorCode.CONTENT_BLOCKED, "blocked", false),
                                                w.h.clock.instant()))))
                .withAction(1, new OnAJob("rescue", (w, id) -> w.change(id, j -> j.rescue(w.h.clock.instant()))))
                .withAction(1, new OnAJob("retry", (w, id) -> w.retry(id, false)))
                .withAction(1, new OnAJob("forced retry", (w, id) -> w.retry(id, true)))
                .withAction(2, new PassTime())
                .withAction(1, new Cleanup())
                .withMaxTransformations(steps);
    }

    static final class Create implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.of(USERS)
                    .map(user -> Transformer.mutate("create for " + user, world -> {
                        int active = (int) world.model.values().stream()
                                .filter(j ->
                                        j.userId().equals(user) && j.status().isActive())
                                .count();
                        CreateJob.Result result =
                                world.h.jobs.create(new CreateJob.Command(user.value(), "Topic", null));
                        if (active < JobPolicy.DEFAULT.maxActivePerUser()) {
                            GenerationJob job = ((CreateJob.Result.Created) result).job();
                            world.model.put(job.id(), job);
                            world.known.add(job.id());
                        } else {
                            assertThat(result).isInstanceOf(CreateJob.Result.TooManyActiveJobs.class);
                        }
                    }));
        }
    }

    /** An operation on one of the jobs created so far. */
    static final class OnAJob implements Action.Dependent<World> {
        private final String name;
        private final java.util.function.BiConsumer<World, JobId> operation;

        OnAJob(String name, java.util.function.BiConsumer<World, JobId> operation) {
            this.name = name;
            this.operation = operation;
        }

        @Override
        public boolean precondition(World world) {
            return world.hasJobs();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Arbitraries.integers().between(0, 1000).map(i -> {
                JobId id = world.pick(i);
                return Transformer.mutate(name + " " + id, w -> {
                    if (w.model.containsKey(id)) {
                        operation.accept(w, id);
                    }
                });
            });
        }
    }

    static final class PassTime implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.integers()
                    .between(1, 20)
                    .map(days -> Transformer.mutate(
                            days + " days pass", world -> world.h.clock.advance(Duration.ofDays(days))));
        }
    }

    static final class Cleanup implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("cleanup", world -> {
                List<JobId> expired = world.model.values().stream()
                        .filter(j -> JobPolicy.DEFAULT.isExpired(j, world.h.clock.instant()))
                        .map(GenerationJob::id)
                        .toList();
                int deleted = world.h.jobs.cleanup().jobs().total();
                assertThat(deleted).isEqualTo(expired.size());
                expired.forEach(world.model::remove);
                for (JobId id : expired) {
                    assertThat(world.h.store.find(id)).isEmpty();
                }
                assertThat(world.model.values().stream().filter(j -> j.status() == JobStatus.PENDING))
                        .allSatisfy(j -> assertThat(world.h.store.find(j.id())).isPresent());
            }));
        }
    }

    /** The job use cases over one store, on a clock of their own. */
    static final class Harness {
        final JobStore store;
        final Supplier<List<GenerationJob>> all;
        final MutableClock clock = new MutableClock(Fixtures.T0);
        final GenerationJobs jobs;

        Harness(JobStore store, Supplier<List<GenerationJob>> all) {
            this.store = store;
            this.all = all;
            this.jobs = new GenerationJobs(
                    store, JobPolicy.DEFAULT, RateLimitRule.QUESTION_GENERATION, new SequentialIds(), clock);
        }
    }
}
