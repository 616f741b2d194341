package dev.recollect.ports.service;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.failure.ErrorClassifier;
import dev.recollect.domain.failure.ErrorClassifier.Stage;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.failure.ReportsProviderFailure;
import dev.recollect.domain.failure.RetryPolicy;
import dev.recollect.domain.generation.ConceptIdea;
import dev.recollect.domain.generation.ConceptPreparation;
import dev.recollect.domain.generation.ConceptScores;
import dev.recollect.domain.generation.PhrasingFilter;
import dev.recollect.domain.generation.PreparedConcept;
import dev.recollect.domain.generation.PreparedPhrasing;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobTransition;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.out.ConceptStore;
import dev.recollect.ports.out.ConceptSynthesizer;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.out.PhrasingGenerator;
import dev.recollect.ports.out.PhrasingStore;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The generation pipeline ({@link ProcessJob}): start the job, synthesise and store concepts, then for each pending
 * concept stream phrasings and save each accepted one as it arrives, then complete.
 *
 * <p>Every write to the job is fenced by the attempt that started it, so a worker that lost the job stops at its
 * next write. Cancellation is checked before every LLM call and before every saved phrasing. A crash at any point
 * leaves a job that the next run resumes: concepts already created by the job are reused and phrasings are saved
 * idempotently.
 */
public final class JobPipeline implements ProcessJob {
    private static final Logger log = LoggerFactory.getLogger(JobPipeline.class);
    private static final int CONTEXT_QUESTIONS = 20;

    static final String TOO_BROAD =
            "The AI proposed concepts that were too broad or redundant. Try giving a narrower prompt.";
    static final String ALL_EXIST =
            "All generated concepts already exist in your library. Try prompting for different material.";
    static final String TITLES_TOO_SHORT =
            "The AI proposed concept titles too short to keep. Try giving a more specific prompt.";
    static final String NO_PHRASINGS =
            "The AI could not produce review-ready phrasings. Try rerunning in a few moments.";

    private final Dependencies deps;
    private final Metrics metrics;

    /**
     * Everything the pipeline uses.
     *
     * @param jobs the job store
     * @param concepts the concept store
     * @param phrasings the phrasing store
     * @param synthesizer the LLM for concepts
     * @param generator the LLM for phrasings
     * @param embedder the embedder, if the deployment has one
     * @param policy the job policy
     * @param retry how LLM failures are retried inside a job
     * @param ids makes ids
     * @param clock tells the time
     * @param sleeper waits between retries
     * @param jitter the seeded randomness of retry delays
     */
    public record Dependencies(
            JobStore jobs,
            ConceptStore concepts,
            PhrasingStore phrasings,
            ConceptSynthesizer synthesizer,
            PhrasingGenerator generator,
            Optional<Embedder> embedder,
            JobPolicy policy,
            RetryPolicy retry,
            IdGenerator ids,
            Clock clock,
            Sleeper sleeper,
            RandomGenerator jitter) {
        /** Every dependency is required; use {@code Optional.empty()} for no embedder. */
        public Dependencies {
            Objects.requireNonNull(jobs, "jobs");
            Objects.requireNonNull(concepts, "concepts");
            Objects.requireNonNull(phrasings, "phrasings");
            Objects.requireNonNull(synthesizer, "synthesizer");
            Objects.requireNonNull(generator, "generator");
            Objects.requireNonNull(embedder, "embedder");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(jitter, "jitter");
        }
    }

    /** A pipeline over {@code dependencies}, recording no metrics. */
    public JobPipeline(Dependencies dependencies) {
        this(dependencies, Metrics.NONE);
    }

    /**
     * A pipeline that also records into {@code metrics}: jobs it completes or fails, the time each phase took, and
     * every LLM call with its outcome, latency, retries and tokens.
     */
    public JobPipeline(Dependencies dependencies, Metrics metrics) {
        this.deps = Objects.requireNonNull(dependencies, "dependencies");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Outcome process(JobId jobId) {
        Optional<JobTransition> started =
                deps.jobs().transition(jobId, job -> job.start(deps.clock().instant()));
        if (started.isEmpty()) {
            return new Outcome.Missing();
        }
        if (!started.get().applied()) {
            return new Outcome.Finished(started.get().job());
        }
        return run(started.get().job());
    }

    /**
     * Runs a job that a worker has already claimed (started) at its current attempt; every write is fenced by that
     * attempt.
     */
    public Outcome run(GenerationJob claimed) {
        // Every log line of the attempt carries the job, its owner and the attempt, whatever logs it.
        MDC.put("jobId", claimed.id().toString());
        MDC.put("userId", claimed.userId().value());
        MDC.put("attempt", Integer.toString(claimed.attempts()));
        try {
            log.info("Job started");
            // Prompts are learners' words: only at DEBUG, and cut short.
            log.debug("Job prompt: {}", truncated(claimed.prompt()));
            Outcome outcome = new Run(claimed).execute();
            log.info(outcome.fold(
                    finished -> String.format(
                            "Job finished: %s, %d phrasings saved%s",
                            finished.job().status().wireName(),
                            finished.job().questionsSaved(),
                            finished.job()
                                    .failure()
                                    .map(e -> ", error " + e.code())
                                    .orElse("")),
                    missing -> "Job gone before it ran",
                    superseded -> "Job taken over by a newer attempt",
                    interrupted -> "Job interrupted: the store went away; its worker resumes it"));
            return outcome;
        } finally {
            MDC.remove("jobId");
            MDC.remove("userId");
            MDC.remove("attempt");
        }
    }

    /** At most {@value #PROMPT_IN_LOGS} characters of a prompt, for DEBUG logs. */
    static String truncated(String prompt) {
        return prompt.length() <= PROMPT_IN_LOGS ? prompt : prompt.substring(0, PROMPT_IN_LOGS) + "…";
    }

    /** How much of a prompt DEBUG logs show. */
    static final int PROMPT_IN_LOGS = 60;

    /** Stops a run without failing the job: it was cancelled, finished or taken over elsewhere. */
    private static final class Halt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Halt() {
            super(null, null, false, false);
        }
    }

    /** Fails the job with a known error. */
    private static final class PipelineFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient JobError error;

        PipelineFailure(JobError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** One processing attempt of one job. Not thread-safe; lives for one {@link #process} call. */
    private final class Run {
        private final JobId id;
        private final int attempt;
        private GenerationJob job;
        private JobPhase phase;
        private Instant phaseSince;

        Run(GenerationJob started) {
            this.id = started.id();
            this.attempt = started.attempts();
            this.job = started;
            this.phase = started.phase();
            this.phaseSince = deps.clock().instant();
        }

        Outcome execute() {
            try {
                attempt();
            } catch (StoreUnavailableException unavailable) {
                // Not the job's error: the job keeps what it saved, and its worker resumes it once the store answers.
                // This includes a failure that could not be recorded: the next run meets it again.
                log.warn(
                        "Job {}: the store became unreachable in attempt {}: {}",
                        id,
                        attempt,
                        unavailable.getMessage());
                return new Outcome.Interrupted(job, unavailable.getMessage());
            }
            return job.attempts() == attempt ? new Outcome.Finished(job) : new Outcome.Superseded(job);
        }

        private void attempt() {
            try {
                if (job.rescuedTooOften(deps.policy())) {
                    throw new PipelineFailure(job.lostWorkersError(deps.policy()));
                }
                if (job.conceptIds().isEmpty()) {
                    createConcepts();
                }
                for (ConceptId concept : List.copyOf(job.pendingConceptIds())) {
                    generatePhrasings(concept);
                }
                int saved = job.conceptIds().stream()
                        .mapToInt(concept ->
                                deps.phrasings().findByConcept(concept).size())
                        .sum();
                update(j -> j.countSaved(saved));
                update(j -> j.complete(j.prompt(), deps.clock().instant()));
                finished();
            } catch (PipelineFailure failure) {
                fail(failure.error);
            } catch (Halt halt) {
                // Cancelled, or taken over by a newer attempt: stop quietly, keeping what was saved.
            } catch (StoreUnavailableException unavailable) {
                throw unavailable;
            } catch (RuntimeException unexpected) {
                log.error("Job {} failed unexpectedly in attempt {}", id, attempt, unexpected);
                fail(new JobError(ErrorCode.UNKNOWN, "An unexpected error occurred while generating.", true));
            }
        }

        private void createConcepts() {
            update(j -> j.enter(JobPhase.CONCEPT_SYNTHESIS));
            List<Concept> created = deps.concepts().findByJob(id);
            if (created.isEmpty()) {
                created = synthesiseAndStore();
            }
            List<ConceptId> ids = created.stream().map(Concept::id).toList();
            update(j -> j.assignConcepts(ids, deps.policy().phrasingsPerConcept()));
        }

        private List<Concept> synthesiseAndStore() {
            List<ConceptIdea> ideas = withRetries(
                    Stage.CONCEPTS, () -> deps.synthesizer().synthesize(job.prompt(), calls(Stage.CONCEPTS)));
            ConceptPreparation prepared = ConceptPreparation.prepare(
                    ideas, job.prompt(), deps.policy().maxConceptsPerJob());
            if (prepared.concepts().isEmpty()) {
                throw new PipelineFailure(new JobError(ErrorCode.SCHEMA_VALIDATION, TOO_BROAD, false));
            }
            checkStillMine();
            List<String> keys =
                    prepared.concepts().stream().map(PreparedConcept::titleKey).toList();
            ConceptPreparation.Selection selection = ConceptPreparation.select(
                    prepared.concepts(), deps.concepts().existingTitleKeys(job.userId(), keys));
            if (selection.toCreate().isEmpty()) {
                String message = selection.skippedExisting() > 0 ? ALL_EXIST : TITLES_TOO_SHORT;
                throw new PipelineFailure(new JobError(ErrorCode.SCHEMA_VALIDATION, message, false));
            }
            var now = deps.clock().instant();
            List<Concept> concepts = selection.toCreate().stream()
                    .map(c -> Concept.created(
                            new ConceptId(deps.ids().next()), job.userId(), c.title(), c.description(), id, now))
                    .toList();
            deps.concepts().insertAll(concepts, StatsDelta.conceptsCreated(concepts.size()), now);
            return concepts;
        }

        private void generatePhrasings(ConceptId conceptId) {
            Optional<Concept> found =
                    deps.concepts().find(conceptId).filter(c -> c.userId().equals(job.userId()));
            if (found.isEmpty()) {
                log.warn("Job {}: concept {} is gone or not the user's; skipping it", id, conceptId);
                update(j -> j.finishConcept(conceptId));
                return;
            }
            Concept concept = found.get();
            List<Phrasing> existing = deps.phrasings().findByConcept(conceptId);
            List<String> active = existing.stream()
                    .filter(Phrasing::isActive)
                    .map(Phrasing::question)
                    .toList();
            int needed = deps.policy().phrasingsPerConcept() - active.size();
            if (needed > 0) {
                // Archived and deleted questions are not asked again; the active ones are the LLM's context.
                PhrasingFilter filter = new PhrasingFilter(
                        existing.stream().map(Phrasing::question).toList(), needed);
                stream(concept, new ArrayList<>(active), filter, needed);
                if (filter.acceptedCount() == 0) {
                    throw new PipelineFailure(new JobError(ErrorCode.SCHEMA_VALIDATION, NO_PHRASINGS, true));
                }
            }
            updateScores(conceptId);
            update(j -> j.finishConcept(conceptId));
        }

        /**
         * Streams phrasings into {@code filter}, saving each accepted one at once. A retry after a failure that
         * came mid-stream asks only for what is still missing, with the phrasings saved so far listed as existing.
         */
        private void stream(Concept concept, List<String> questions, PhrasingFilter filter, int needed) {
            withRetries(Stage.PHRASINGS, () -> {
                int missing = needed - filter.acceptedCount();
                List<String> context =
                        questions.subList(Math.max(0, questions.size() - CONTEXT_QUESTIONS), questions.size());
                PhrasingGenerator.Request request =
                        new PhrasingGenerator.Request(concept.title(), concept.description(), context, missing);
                deps.generator().generate(request, sink(concept, questions, filter), calls(Stage.PHRASINGS));
                return null;
            });
        }

        private PhrasingGenerator.Sink sink(Concept concept, List<String> questions, PhrasingFilter filter) {
            return item -> {
                Optional<PreparedPhrasing> accepted = filter.offer(item);
                accepted.ifPresent(p -> {
                    save(concept, p);
                    questions.add(p.question());
                });
                return !filter.isFull();
            };
        }

        private void save(Concept concept, PreparedPhrasing prepared) {
            checkStillMine();
            Phrasing phrasing = Phrasing.generated(
                    new PhrasingId(deps.ids().next()),
                    job.userId(),
                    concept.id(),
                    prepared,
                    deps.clock().instant());
            boolean inserted = deps.phrasings().insertIfAbsent(phrasing);
            if (inserted) {
                embed(phrasing);
            }
            update(j -> j.addProgress(1, inserted ? 1 : 0));
        }

        private void embed(Phrasing phrasing) {
            deps.embedder().ifPresent(embedder -> {
                try {
                    float[] vector = embedder.embed(phrasing.embeddingText());
                    deps.phrasings()
                            .setEmbedding(phrasing.id(), vector, deps.clock().instant());
                } catch (RuntimeException e) {
                    // The reference keeps the phrasing without an embedding; so do we.
                    log.warn("stage-b.embedding.failure job={} phrasing={}: {}", id, phrasing.id(), e.getMessage());
                }
            });
        }

        private void updateScores(ConceptId conceptId) {
            List<Phrasing> all = deps.phrasings().findByConcept(conceptId);
            List<String> active = all.stream()
                    .filter(Phrasing::isActive)
                    .map(Phrasing::question)
                    .toList();
            deps.concepts()
                    .updatePhrasingScores(
                            conceptId,
                            active.size(),
                            boxed(ConceptScores.thinScore(active.size())),
                            boxed(ConceptScores.conflictScore(active)),
                            deps.clock().instant());
        }

        private <T> T withRetries(Stage stage, Supplier<T> call) {
            for (int callAttempt = 1; ; callAttempt++) {
                checkStillMine();
                Instant before = deps.clock().instant();
                try {
                    T result = call.get();
                    metrics.llmCalled(
                            stage,
                            Optional.empty(),
                            Duration.between(before, deps.clock().instant()));
                    return result;
                } catch (Halt | PipelineFailure | StoreUnavailableException stop) {
                    // Saving what a call streamed can fail on the store; that is not the call's failure.
                    throw stop;
                } catch (RuntimeException e) {
                    JobError error = ErrorClassifier.classify(e, stage);
                    metrics.llmCalled(
                            stage,
                            Optional.of(error.code()),
                            Duration.between(before, deps.clock().instant()));
                    Optional<Duration> delay = deps.retry()
                            .afterFailure(callAttempt, error, retryAfter(e), deps.jitter())
                            .fold(retry -> Optional.of(retry.delay()), giveUp -> Optional.empty());
                    if (delay.isPresent()) {
                        metrics.llmRetried(stage);
                        log.warn(
                                "Job {}: {} call {} failed ({}); retrying in {}",
                                id,
                                stage,
                                callAttempt,
                                error.code(),
                                delay.get());
                        pause(delay.get());
                    } else {
                        log.warn(
                                "Job {}: {} call {} failed ({}): {}",
                                id,
                                stage,
                                callAttempt,
                                error.code(),
                                e.getMessage());
                        throw new PipelineFailure(error);
                    }
                }
            }
        }

        private void pause(Duration delay) {
            try {
                deps.sleeper().sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Halt();
            }
        }

        /** Reloads the job; stops the run if it was cancelled, finished or taken over, or the worker shuts down. */
        private void checkStillMine() {
            if (Thread.currentThread().isInterrupted()) {
                throw new Halt();
            }
            GenerationJob current = deps.jobs().find(id).orElseThrow(Halt::new);
            job = current;
            if (current.status().isTerminal() || current.attempts() != attempt) {
                throw new Halt();
            }
        }

        private void update(Function<GenerationJob, JobTransition> change) {
            JobTransition transition = deps.jobs()
                    .transition(id, j -> j.ifAttempt(attempt, change))
                    .orElseThrow(Halt::new);
            job = transition.job();
            if (!transition.applied()) {
                throw new Halt();
            }
            if (job.phase() != phase) {
                endPhase();
                phase = job.phase();
            }
        }

        private void endPhase() {
            Instant now = deps.clock().instant();
            metrics.phaseFinished(phase, Duration.between(phaseSince, now));
            phaseSince = now;
        }

        /** This attempt completed or failed the job: its last phase ends, and the job is counted. */
        private void finished() {
            endPhase();
            metrics.jobFinished(job);
        }

        /** Hears about the LLM's calls at {@code stage}: counts them, and adds their tokens to the job's usage. */
        private LlmCall.Listener calls(Stage stage) {
            return call -> {
                metrics.llmReported(stage, call);
                if (call.usage().isNone()) {
                    return;
                }
                try {
                    deps.jobs().recordUsage(id, call.model(), call.usage());
                } catch (RuntimeException e) {
                    // Losing a usage figure must not lose the phrasings the call produced.
                    log.warn("Job {}: could not record the tokens of a {} call: {}", id, stage, e.toString());
                }
            };
        }

        private void fail(JobError error) {
            try {
                update(j -> j.fail(error, deps.clock().instant()));
                finished();
            } catch (Halt alreadyStopped) {
                // Cancelled or taken over meanwhile: the other state stands.
            }
        }
    }

    private static Optional<Duration> retryAfter(RuntimeException e) {
        return e instanceof ReportsProviderFailure typed
                ? typed.providerFailure().retryAfter()
                : Optional.empty();
    }

    private static Integer boxed(java.util.OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }
}
