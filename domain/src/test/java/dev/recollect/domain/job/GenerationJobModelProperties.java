package dev.recollect.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.job.JobTransition.Reason;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The job's lifecycle against a model: random chains of every operation a job knows (start with a skewed clock,
 * rescue, retry, enter a phase, assign concepts, progress, count what was saved, finish a concept, complete, fail,
 * cancel, a fenced write from an older attempt, time passing). After every step the job equals, field for field, what
 * a plain re-statement of the rules expects, and every refusal carries the reason the rules give.
 */
class GenerationJobModelProperties {
    private static final JobError TRANSIENT = new JobError(ErrorCode.NETWORK, "Network error.", true);
    private static final JobError FOR_GOOD = new JobError(ErrorCode.CONTENT_BLOCKED, "Blocked.", false);

    /** The job under test, and the model's expectation of it, field for field. */
    static final class World {
        GenerationJob job = GenerationJobProperties.newJob();
        Instant now = GenerationJobProperties.T0;
        int conceptsMade;

        // The model: the job's fields as the rules say they must be.
        JobStatus status = JobStatus.PENDING;
        JobPhase phase = JobPhase.CLARIFYING;
        int generated;
        int saved;
        Integer estimated;
        String topic;
        List<ConceptId> concepts = List.of();
        List<ConceptId> pending = List.of();
        Long durationMs;
        JobError error;
        Instant startedAt;
        Instant completedAt;
        int attempts;
        int rescues;
        int retries;

        GenerationJob expected() {
            return job.toBuilder()
                    .status(status)
                    .phase(phase)
                    .questionsGenerated(generated)
                    .questionsSaved(saved)
                    .estimatedTotal(estimated)
                    .topic(topic)
                    .conceptIds(concepts)
                    .pendingConceptIds(pending)
                    .durationMs(durationMs)
                    .error(error)
                    .startedAt(startedAt)
                    .completedAt(completedAt)
                    .attempts(attempts)
                    .rescues(rescues)
                    .retries(retries)
                    .build();
        }

        void matchesTheModel() {
            assertThat(job).isEqualTo(expected());
            assertThat(job.failure()).isEqualTo(Optional.ofNullable(error));
            JobPolicy strict = JobPolicy.DEFAULT.toBuilder().maxRescues(1).build();
            assertThat(job.rescuedTooOften(strict)).isEqualTo(rescues > 1);
            assertThat(job.lostWorkersError(strict))
                    .isEqualTo(new JobError(
                            ErrorCode.UNKNOWN,
                            "Its worker was lost " + rescues + " times (the limit is 1): the job may be what stops"
                                    + " them. Once the workers are healthy, force a retry to run it again.",
                            false));
        }

        /**
         * Applies {@code operation}; {@code refusal} is the reason the rules refuse it for, or null when they allow
         * it, in which case {@code model} updates the model.
         */
        void expect(Function<GenerationJob, JobTransition> operation, Reason refusal, Runnable model) {
            JobTransition transition = operation.apply(job);
            assertThat(transition.<Boolean>fold(applied -> true, refused -> false))
                    .isEqualTo(refusal == null);
            if (refusal != null) {
                assertThat(transition).isEqualTo(new JobTransition.Refused(job, refusal));
                return;
            }
            assertThat(transition.applied()).as("applied").isTrue();
            model.run();
            job = transition.job();
        }

        /** Why an operation that needs a processing job is refused, or null when it is processing. */
        Reason notProcessing() {
            if (status.isTerminal()) {
                return Reason.ALREADY_TERMINAL;
            }
            return status == JobStatus.PENDING ? Reason.NOT_STARTED : null;
        }

        Reason ifNotEnded() {
            return status.isTerminal() ? Reason.ALREADY_TERMINAL : null;
        }

        void end(JobStatus terminal) {
            status = terminal;
            completedAt = now;
            durationMs = Math.max(
                    0,
                    Duration.between(startedAt == null ? job.createdAt() : startedAt, now)
                            .toMillis());
        }
    }

    @SeededProperty
    void aJobFollowsItsRulesThroughAnyChainOfOperations(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant(World::matchesTheModel).run();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(
                        3,
                        independent(
                                Arbitraries.longs().between(-30, 30),
                                skew -> Transformer.mutate("start with a clock " + skew + " s off", w -> {
                                    Instant at = w.now.plusSeconds(skew);
                                    w.expect(j -> j.start(at), w.ifNotEnded(), () -> {
                                        w.status = JobStatus.PROCESSING;
                                        w.attempts++;
                                        if (w.startedAt == null) {
                                            // Never before creation, whatever the worker's clock says.
                                            w.startedAt = at.isBefore(w.job.createdAt()) ? w.job.createdAt() : at;
                                        }
                                    });
                                })))
                .withAction(
                        1,
                        just(
                                "rescue",
                                w -> w.expect(j -> j.rescue(w.now), w.notProcessing(), () -> {
                                    w.attempts++;
                                    w.rescues++;
                                })))
                .withAction(
                        2,
                        independent(
                                Arbitraries.of(true, false),
                                force -> Transformer.mutate(force ? "forced retry" : "retry", w -> {
                                    Reason refusal = w.status != JobStatus.FAILED
                                            ? Reason.NOT_FAILED
                                            : !force && !w.error.retryable() ? Reason.NOT_RETRYABLE : null;
                                    w.expect(j -> j.retry(force), refusal, () -> {
                                        w.status = JobStatus.PENDING;
                                        w.error = null;
                                        w.completedAt = null;
                                        w.durationMs = null;
                                        w.rescues = 0;
                                        w.retries++;
                                    });
                                })))
                .withAction(
                        2,
                        independent(
                                Arbitraries.of(JobPhase.class),
                                next -> Transformer.mutate(
                                        "enter " + next,
                                        w -> w.expect(j -> j.enter(next), w.notProcessing(), () -> {
                                            if (next.compareTo(w.phase) > 0) {
                                                w.phase = next;
                                            }
                                        }))))
                .withAction(
                        2,
                        independent(
                                Combinators.combine(
                                                Arbitraries.integers().between(0, 4),
                                                Arbitraries.integers().between(1, 5))
                                        .as(List::of),
                                sizes -> Transformer.mutate(
                                        "assign " + sizes.get(0) + " concepts of " + sizes.get(1), w -> {
                                            List<ConceptId> fresh = new ArrayList<>();
                                            for (int i = 0; i < sizes.get(0); i++) {
                                                fresh.add(new ConceptId(new UUID(7, ++w.conceptsMade)));
                                            }
                                            w.expect(
                                                    j -> j.assignConcepts(fresh, sizes.get(1)),
                                                    w.notProcessing(),
                                                    () -> {
                                                        w.concepts = List.copyOf(fresh);
                                                        w.pending = List.copyOf(fresh);
                                                        w.estimated = fresh.size() * sizes.get(1);
                                                        w.phase = JobPhase.PHRASING_GENERATION;
                                                    });
                                        })))
                .withAction(
                        3,
                        independent(
                                Combinators.combine(
                                                Arbitraries.integers().between(0, 5),
                                                Arbitraries.integers().between(0, 5))
                                        .as(List::of),
                                counts -> Transformer.mutate(
                                        "progress " + counts,
                                        w -> w.expect(
                                                j -> j.addProgress(counts.get(0), counts.get(1)),
                                                w.notProcessing(),
                                                () -> {
                                                    w.generated += counts.get(0);
                                                    w.saved += counts.get(1);
                                                }))))
                .withAction(
                        1,
                        independent(
                                Arbitraries.integers().between(0, 30),
                                count -> Transformer.mutate(
                                        "count " + count + " saved",
                                        w -> w.expect(j -> j.countSaved(count), w.notProcessing(), () -> {
                                            w.saved = Math.max(w.saved, count);
                                            w.generated = Math.max(w.generated, w.saved);
                                        }))))
                .withAction(
                        3,
                        independent(
                                Arbitraries.integers().between(0, 5),
                                pick -> Transformer.mutate("finish concept " + pick, w -> {
                                    // One past the job's concepts is a concept that is not the job's.
                                    ConceptId concept = pick < w.concepts.size()
                                            ? w.concepts.get(pick)
                                            : new ConceptId(new UUID(9, pick));
                                    Reason refusal = w.notProcessing();
                                    if (refusal == null && !w.pending.contains(concept)) {
                                        refusal = Reason.CONCEPT_NOT_PENDING;
                                    }
                                    w.expect(j -> j.finishConcept(concept), refusal, () -> {
                                        List<ConceptId> left = new ArrayList<>(w.pending);
                                        left.remove(concept);
                                        w.pending = List.copyOf(left);
                                        w.phase = left.isEmpty() ? JobPhase.FINALIZING : JobPhase.PHRASING_GENERATION;
                                    });
                                })))
                .withAction(2, just("complete", w -> {
                    Reason refusal = w.notProcessing();
                    if (refusal == null && !w.pending.isEmpty()) {
                        refusal = Reason.CONCEPTS_STILL_PENDING;
                    }
                    w.expect(j -> j.complete("Topic", w.now), refusal, () -> {
                        w.end(JobStatus.COMPLETED);
                        w.topic = "Topic";
                        w.phase = JobPhase.FINALIZING;
                    });
                }))
                .withAction(
                        1,
                        independent(
                                Arbitraries.of(TRANSIENT, FOR_GOOD),
                                error -> Transformer.mutate(
                                        "fail with " + error.code(),
                                        w -> w.expect(j -> j.fail(error, w.now), w.ifNotEnded(), () -> {
                                            w.end(JobStatus.FAILED);
                                            w.error = error;
                                        }))))
                .withAction(
                        1,
                        just(
                                "cancel",
                                w -> w.expect(j -> j.cancel(w.now), w.ifNotEnded(), () -> w.end(JobStatus.CANCELLED))))
                .withAction(1, just("a write fenced off by a newer attempt", w -> {
                    w.expect(
                            j -> j.ifAttempt(w.attempts - 1, older -> older.addProgress(1, 1)),
                            Reason.SUPERSEDED,
                            null);
                    // The current attempt is not fenced: its write is the write itself.
                    assertThat(w.job.ifAttempt(w.attempts, current -> current.cancel(w.now)))
                            .isEqualTo(w.job.cancel(w.now));
                }))
                .withAction(1, just("negative progress", w -> {
                    assertThatThrownBy(() -> w.job.addProgress(-1, 0)).isInstanceOf(DomainException.class);
                    assertThatThrownBy(() -> w.job.addProgress(0, -1)).isInstanceOf(DomainException.class);
                    assertThatThrownBy(() -> w.job.countSaved(-1)).isInstanceOf(DomainException.class);
                }))
                .withAction(
                        2,
                        independent(
                                Arbitraries.longs().between(0, 90_000),
                                millis ->
                                        Transformer.mutate(millis + " ms pass", w -> w.now = w.now.plusMillis(millis))))
                .withMaxTransformations(40);
    }

    @SeededProperty
    void aNewJobIsPendingAndClarifying_withTheAddressItWasGiven(
            @ForAll("addresses") String ip,
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long secondsAfterTheEpoch) {
        Instant created = Instant.ofEpochSecond(secondsAfterTheEpoch);
        GenerationJob job = GenerationJob.create(
                GenerationJobProperties.newJob().id(),
                GenerationJobProperties.newJob().userId(),
                "p",
                ip,
                created);
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.phase()).isEqualTo(JobPhase.CLARIFYING);
        assertThat(job.ip()).isEqualTo(Optional.ofNullable(ip));
        assertThat(job.failure()).isEmpty();
        assertThat(job.createdAt()).isEqualTo(created);
        assertThat(List.of(
                        job.attempts(), job.rescues(), job.retries(), job.questionsGenerated(), job.questionsSaved()))
                .containsOnly(0);
    }

    @Provide
    Arbitrary<String> addresses() {
        return Arbitraries.of("203.0.113.7", "2001:db8::1").injectNull(0.3);
    }

    /** A job read back from a store must hold together: any negative counter, or an end without its parts, is refused. */
    @SeededProperty
    void aStoredJobMustBeConsistent(
            @ForAll JobStatus status,
            @ForAll @IntRange(min = 0, max = 4) int counter,
            @ForAll @IntRange(min = -5, max = -1) int negative) {
        int[] counts = {0, 0, 0, 0, 0};
        counts[counter] = negative;
        JobError error = status == JobStatus.FAILED ? TRANSIENT : null;
        Instant completed = status.isTerminal() ? GenerationJobProperties.T0 : null;
        assertThatThrownBy(() -> stored(status, counts, error, completed))
                .isInstanceOf(DomainException.class)
                .hasMessage("questionsGenerated, questionsSaved, attempts, rescues and retries must be >= 0");
        int[] none = {0, 0, 0, 0, 0};
        if (status == JobStatus.FAILED) {
            assertThatThrownBy(() -> stored(status, none, null, completed)).hasMessage("a failed job needs its error");
        }
        if (status.isTerminal()) {
            assertThatThrownBy(() -> stored(status, none, error, null))
                    .hasMessage("a " + status.wireName() + " job needs completedAt");
        }
        int[] rescuedMoreThanStarted = {0, 0, 1, 2, 0};
        assertThatThrownBy(() -> stored(status, rescuedMoreThanStarted, error, completed))
                .hasMessage("a job cannot be rescued more often than it was started");
        assertThat(stored(status, none, error, completed).status()).isEqualTo(status);
    }

    private static GenerationJob stored(JobStatus status, int[] counts, JobError error, Instant completedAt) {
        return new GenerationJob(
                GenerationJobProperties.newJob().id(),
                GenerationJobProperties.newJob().userId(),
                "p",
                null,
                status,
                JobPhase.CLARIFYING,
                counts[0],
                counts[1],
                null,
                null,
                List.of(),
                List.of(),
                null,
                error,
                GenerationJobProperties.T0,
                null,
                completedAt,
                counts[2],
                counts[3],
                counts[4]);
    }

    /** Wire names are the schema's: lowercase, words joined by underscores; a status is active exactly until it ends. */
    @SeededProperty
    void statusesAndPhasesHaveTheirWireNames(@ForAll JobStatus status, @ForAll JobPhase phase) {
        assertThat(status.wireName()).isEqualTo(status.name().toLowerCase(Locale.ROOT));
        assertThat(phase.wireName()).isEqualTo(phase.name().toLowerCase(Locale.ROOT));
        assertThat(status.isActive()).isEqualTo(!status.isTerminal());
        assertThat(status.isActive()).isEqualTo(status == JobStatus.PENDING || status == JobStatus.PROCESSING);
    }

    private static Action.Independent<World> just(String description, Consumer<World> step) {
        return () -> Arbitraries.just(Transformer.mutate(description, step));
    }

    private static <T> Action.Independent<World> independent(
            Arbitrary<T> values, Function<T, Transformer<World>> transformer) {
        return () -> values.map(transformer);
    }
}
