package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorClassifier;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.failure.RetryPolicy;
import dev.recollect.domain.generation.ConceptScores;
import dev.recollect.domain.generation.GeneratedPhrasing;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.testing.DomainArbitraries;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.domain.usage.ModelUsage;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.ScriptedLlm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The generation pipeline against a model of its rules, over in-memory stores and a scripted LLM: what any streams of
 * phrasings save, how any run of provider failures is retried or fails, and that a cancellation, a crash or a lost
 * worker at any point keeps exactly what was saved. Every job has the scripted LLM's three concepts and the default
 * target of {@value #TARGET} phrasings per concept.
 */
class JobPipelineProperties {
    private static final int TARGET = JobPolicy.DEFAULT.phrasingsPerConcept();
    private static final int CONCEPTS = 3;
    private static final UserId USER = new UserId("learner");

    /** Item {@code n} of a scripted stream for concept {@code concept}: -1 is invalid, a repeated number a duplicate. */
    private static GeneratedPhrasing item(int concept, int n) {
        return n < 0
                ? ScriptedLlm.invalidPhrasing()
                : ScriptedLlm.phrasing("Concept " + concept + " asks question number " + n + "?");
    }

    private static List<GeneratedPhrasing> valid(int concept, int count) {
        return IntStream.range(0, count).mapToObj(n -> item(concept, n)).toList();
    }

    /** Scripts full, valid streams for the concepts before {@code concept}. */
    private static void fillConceptsBefore(PipelineHarness h, int concept) {
        for (int c = 0; c < concept; c++) {
            h.llm.phrasings(valid(c, TARGET).toArray(GeneratedPhrasing[]::new));
        }
    }

    /** What the filters accept from a stream: its distinct valid items, in order, until the target is reached. */
    private record Accepted(List<Integer> items, int delivered) {
        static Accepted from(List<Integer> stream) {
            Set<Integer> seen = new LinkedHashSet<>();
            int delivered = 0;
            for (int n : stream) {
                delivered++;
                if (n >= 0) {
                    seen.add(n);
                }
                if (seen.size() == TARGET) {
                    break;
                }
            }
            return new Accepted(List.copyOf(seen), delivered);
        }
    }

    private static List<String> questions(PipelineHarness h, ConceptId concept) {
        return h.stores.phrasings().findByConcept(concept).stream()
                .map(Phrasing::question)
                .sorted()
                .toList();
    }

    @Provide
    Arbitrary<List<List<Integer>>> streams() {
        return Arbitraries.integers().between(-1, 6).list().ofMaxSize(9).list().ofSize(CONCEPTS);
    }

    /**
     * Whatever the streams hold, each concept keeps exactly the distinct valid phrasings offered before its target was
     * reached, the stream is told to stop there, and the job's counters and the concepts' scores agree with what is
     * stored; the first concept that gets no valid phrasing at all fails the job, retryably, asking nothing more.
     */
    @SeededProperty
    void theSavedPhrasingsAreTheDistinctValidOnesUpToTheTarget(@ForAll("streams") List<List<Integer>> streams) {
        PipelineHarness h = new PipelineHarness();
        GenerationJob job = h.create(USER, "Tides");
        for (int c = 0; c < CONCEPTS; c++) {
            int concept = c;
            h.llm.phrasings(streams.get(c).stream().map(n -> item(concept, n)).toArray(GeneratedPhrasing[]::new));
        }
        List<Accepted> model = streams.stream().map(Accepted::from).toList();
        int empty = IntStream.range(0, CONCEPTS)
                .filter(c -> model.get(c).items().isEmpty())
                .findFirst()
                .orElse(CONCEPTS);
        Statistics.label("outcome").collect(empty < CONCEPTS ? "failed" : "completed");

        h.pipeline().process(job.id());

        GenerationJob after = h.job(job.id());
        List<ConceptId> concepts = after.conceptIds();
        int asked = Math.min(empty + 1, CONCEPTS);
        assertThat(h.llm.requests()).hasSize(asked).allSatisfy(r -> assertThat(r.count())
                .isEqualTo(TARGET));
        assertThat(h.llm.delivered())
                .isEqualTo(model.subList(0, asked).stream()
                        .mapToInt(Accepted::delivered)
                        .sum());
        int saved = 0;
        for (int c = 0; c < CONCEPTS; c++) {
            int concept = c;
            List<String> expected = c <= empty
                    ? model.get(c).items().stream()
                            .map(n -> item(concept, n).question())
                            .sorted()
                            .toList()
                    : List.of();
            assertThat(questions(h, concepts.get(c))).isEqualTo(expected);
            saved += expected.size();
            if (c < empty) {
                Concept stored = h.stores.concepts().find(concepts.get(c)).orElseThrow();
                assertThat(stored.phrasingCount()).isEqualTo(expected.size());
                assertThat(stored.thinScore()).isEqualTo(boxed(ConceptScores.thinScore(expected.size())));
            }
        }
        assertThat(after.questionsGenerated()).isEqualTo(saved);
        assertThat(after.questionsSaved()).isEqualTo(saved);
        if (empty < CONCEPTS) {
            assertThat(after.status()).isEqualTo(JobStatus.FAILED);
            assertThat(after.error())
                    .isEqualTo(new JobError(ErrorCode.SCHEMA_VALIDATION, JobPipeline.NO_PHRASINGS, true));
        } else {
            assertThat(after.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(after.estimatedTotal()).isEqualTo(CONCEPTS * TARGET);
        }
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("failed").percentage(p -> p > 10);
            coverage.check("completed").percentage(p -> p > 10);
        });
    }

    private static Integer boxed(java.util.OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    @Provide
    Arbitrary<List<ProviderFailure>> failures() {
        // Runs of retryable failures, then perhaps any failure: runs long enough to exhaust the attempts are common.
        return net.jqwik.api.Combinators.combine(
                        retryable().list().ofMaxSize(4),
                        DomainArbitraries.providerFailures().optional())
                .as((run, last) -> {
                    List<ProviderFailure> all = new ArrayList<>(run);
                    last.ifPresent(all::add);
                    return all;
                });
    }

    /**
     * Any run of provider failures at one call, concepts or the phrasings of any concept, is decided call by call as
     * the retry policy says: a failure that is not retryable, or one on the last attempt, fails the job at once with
     * its classified error, keeping what was saved; otherwise the job waits (the provider's delay, capped, or a
     * bounded backoff) and calls again. Every call made, failed or not, is billed to the job, and the job is counted
     * once as it ended.
     */
    @SeededProperty
    void failuresAreRetriedOrFailTheJobAsTheRetryPolicySays(
            @ForAll("failures") List<ProviderFailure> failures, @ForAll @IntRange(min = -1, max = 2) int concept) {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        PipelineHarness h = new PipelineHarness(new dev.recollect.ports.metrics.MicrometerMetrics(registry));
        GenerationJob job = h.create(USER, "Volcanoes");
        ErrorClassifier.Stage stage = concept < 0 ? ErrorClassifier.Stage.CONCEPTS : ErrorClassifier.Stage.PHRASINGS;
        fillConceptsBefore(h, concept);
        failures.forEach(f -> {
            if (concept < 0) {
                h.llm.conceptsFail(f);
            } else {
                h.llm.phrasingsThenFail(List.of(), f);
            }
        });
        RetryPolicy policy = RetryPolicy.DEFAULT;
        JobError fatal = null;
        List<ProviderFailure> waited = new ArrayList<>();
        for (int attempt = 1; attempt <= failures.size(); attempt++) {
            ProviderFailure failure = failures.get(attempt - 1);
            JobError error = ErrorClassifier.classify(failure, stage);
            if (!error.retryable() || attempt >= policy.maxAttempts()) {
                fatal = error;
                break;
            }
            waited.add(failure);
        }
        Statistics.label("outcome").collect(fatal == null ? "completed" : fatal.retryable() ? "gave up" : "fatal");

        h.pipeline().process(job.id());

        GenerationJob after = h.job(job.id());
        assertThat(h.sleeper.waits()).hasSameSizeAs(waited);
        for (int i = 0; i < waited.size(); i++) {
            Duration wait = h.sleeper.waits().get(i);
            ProviderFailure failure = waited.get(i);
            var asked = failure.retryAfter();
            if (asked.isPresent()) {
                assertThat(wait)
                        .isEqualTo(asked.get().compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : asked.get());
            } else {
                assertThat(wait).isBetween(Duration.ZERO, policy.baseDelay().multipliedBy(1L << i));
            }
        }
        int calls = waited.size() + 1;
        int conceptCalls = concept < 0 ? calls : 1;
        int phrasingCalls;
        if (concept < 0) {
            phrasingCalls = fatal == null ? CONCEPTS : 0;
        } else {
            phrasingCalls = concept + calls + (fatal == null ? CONCEPTS - concept - 1 : 0);
        }
        TokenUsage billed =
                times(ScriptedLlm.CONCEPT_CALL, conceptCalls).plus(times(ScriptedLlm.PHRASING_CALL, phrasingCalls));
        assertThat(h.stores.jobReports().usage(job.id())).containsExactly(new ModelUsage(ScriptedLlm.MODEL, billed));
        // The job is counted once, as it ended.
        assertThat(registry.find("recollect.jobs.completed").counters())
                .extracting(c -> c.count())
                .containsExactly(fatal == null ? 1.0 : 0.0);
        assertThat(registry.find("recollect.jobs.failed").counters())
                .extracting(c -> c.getId().getTag("error") + "=" + c.count())
                .containsExactlyElementsOf(
                        fatal == null
                                ? List.of()
                                : List.of(fatal.code().name().toLowerCase(java.util.Locale.ROOT) + "=1.0"));
        if (fatal == null) {
            assertThat(after.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(after.questionsSaved()).isEqualTo(CONCEPTS * TARGET);
        } else {
            assertThat(after.status()).isEqualTo(JobStatus.FAILED);
            assertThat(after.error()).isEqualTo(fatal);
            assertThat(after.phase())
                    .isEqualTo(concept < 0 ? JobPhase.CONCEPT_SYNTHESIS : JobPhase.PHRASING_GENERATION);
            assertThat(after.questionsSaved()).isEqualTo(Math.max(concept, 0) * TARGET);
            assertThat(h.stores.allConcepts()).hasSize(concept < 0 ? 0 : CONCEPTS);
            assertThat(after.durationMs())
                    .isEqualTo(h.sleeper.waits().stream()
                            .mapToLong(Duration::toMillis)
                            .sum());
        }
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("completed").percentage(p -> p > 5);
            coverage.check("gave up").percentage(p -> p > 5);
            coverage.check("fatal").percentage(p -> p > 5);
        });
    }

    private static TokenUsage times(TokenUsage call, int n) {
        TokenUsage sum = TokenUsage.NONE;
        for (int i = 0; i < n; i++) {
            sum = sum.plus(call);
        }
        return sum;
    }

    @Provide
    Arbitrary<String> failureWords() {
        return Arbitraries.of(
                "network timeout",
                "Rate limit exceeded",
                "response does not match validator",
                "API key invalid",
                "a bug",
                "");
    }

    /**
     * A failure that carries no provider failure is classified by its words, as the reference does: retried when
     * they say it is worth it (the next call answers and the job completes), failing the job with that error when not.
     */
    @SeededProperty
    void anUntypedFailureIsClassifiedByItsWords(@ForAll("failureWords") String words) {
        PipelineHarness h = new PipelineHarness();
        GenerationJob job = h.create(USER, "Volcanoes");
        h.llm.conceptsWithHook(() -> {
            throw new IllegalStateException(words);
        });
        JobError error = ErrorClassifier.classify(new IllegalStateException(words), ErrorClassifier.Stage.CONCEPTS);

        h.pipeline().process(job.id());

        GenerationJob after = h.job(job.id());
        if (error.retryable()) {
            assertThat(after.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(h.sleeper.waits()).hasSize(1);
        } else {
            assertThat(after.status()).isEqualTo(JobStatus.FAILED);
            assertThat(after.error()).isEqualTo(error);
            assertThat(h.sleeper.waits()).isEmpty();
        }
    }

    /**
     * Cancelling after any phrasing of any concept stops the job at once: it is cancelled, keeps exactly the
     * phrasings saved until then, and asks for no other concept's.
     */
    @SeededProperty
    void aCancellationAtAnyPointKeepsExactlyWhatWasSaved(
            @ForAll @IntRange(min = 0, max = 2) int concept, @ForAll @IntRange(min = 1, max = 4) int after) {
        PipelineHarness h = new PipelineHarness();
        GenerationJob job = h.create(USER, "Tides");
        fillConceptsBefore(h, concept);
        h.llm.phrasingsWithHook(valid(concept, TARGET), after, () -> h.cancel(job));

        h.pipeline().process(job.id());

        GenerationJob cancelled = h.job(job.id());
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.questionsSaved()).isEqualTo(concept * TARGET + after);
        assertThat(cancelled.questionsGenerated()).isEqualTo(concept * TARGET + after);
        assertThat(h.stores.allPhrasings()).hasSize(concept * TARGET + after);
        assertThat(h.llm.requests()).hasSize(concept + 1);
    }

    @Provide
    Arbitrary<ProviderFailure> retryable() {
        return DomainArbitraries.providerFailures()
                .filter(f -> ErrorClassifier.classify(f, ErrorClassifier.Stage.PHRASINGS)
                        .retryable());
    }

    /**
     * A stream that fails retryably after any number of phrasings is asked again for what is missing only, with what
     * it saved as the context, and the job completes with every concept full.
     */
    @SeededProperty
    void aStreamThatFailsMidwayIsAskedForWhatIsMissingOnly(
            @ForAll @IntRange(min = 0, max = 2) int concept,
            @ForAll @IntRange(min = 0, max = 3) int after,
            @ForAll("retryable") ProviderFailure failure) {
        PipelineHarness h = new PipelineHarness();
        GenerationJob job = h.create(USER, "Auroras");
        fillConceptsBefore(h, concept);
        h.llm.phrasingsThenFail(valid(concept, after), failure);

        h.pipeline().process(job.id());

        GenerationJob done = h.job(job.id());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.questionsSaved()).isEqualTo(CONCEPTS * TARGET);
        assertThat(h.sleeper.waits()).hasSize(1);
        var again = h.llm.requests().get(concept + 1);
        assertThat(again.count()).isEqualTo(TARGET - after);
        assertThat(again.existingQuestions())
                .containsExactlyElementsOf(valid(concept, after).stream()
                        .map(GeneratedPhrasing::question)
                        .toList());
    }

    /** The process dies: nothing in the pipeline catches it. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A worker that dies after any phrasing of any concept leaves the job processing with what it saved; the next run
     * reuses the concepts, asks only for what is missing, and completes with every phrasing once.
     */
    @SeededProperty
    void aCrashAtAnyPointIsResumedWithoutDuplicatingAnything(
            @ForAll @IntRange(min = 0, max = 2) int concept, @ForAll @IntRange(min = 1, max = 4) int after) {
        PipelineHarness h = new PipelineHarness();
        GenerationJob job = h.create(USER, "Deserts");
        fillConceptsBefore(h, concept);
        h.llm.phrasingsWithHook(valid(concept, TARGET), after, () -> {
            throw new Crash();
        });
        try {
            h.pipeline().process(job.id());
        } catch (Crash expected) {
            // The worker died mid-stream.
        }
        GenerationJob halfway = h.job(job.id());
        assertThat(halfway.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(halfway.questionsSaved()).isEqualTo(concept * TARGET + after);

        h.pipeline().process(job.id());

        GenerationJob done = h.job(job.id());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(h.stores.allConcepts()).hasSize(CONCEPTS);
        assertThat(h.llm.prompts()).hasSize(1);
        List<Phrasing> saved = h.stores.allPhrasings();
        Set<String> keys = new HashSet<>();
        saved.forEach(p -> assertThat(keys.add(p.conceptId() + p.questionKey())).isTrue());
        assertThat(saved).hasSize(CONCEPTS * TARGET);
        assertThat(done.questionsSaved()).isEqualTo(CONCEPTS * TARGET);
        assertThat(h.llm.requests()).hasSize(CONCEPTS + (after < TARGET ? 1 : 0));
        if (after < TARGET) {
            assertThat(h.llm.requests().get(concept + 1).count()).isEqualTo(TARGET - after);
        }
    }

    /**
     * Losing workers is not the job's error: a job rescued up to the policy's limit still completes, one rescued more
     * often fails for good, naming how often, and only a forced retry runs it again, counting afresh.
     */
    @SeededProperty
    void aJobCompletesUpToTheRescueLimitAndFailsForGoodBeyondIt(@ForAll @IntRange(min = 0, max = 14) int rescues) {
        PipelineHarness h = new PipelineHarness();
        GenerationJob job = h.create(USER, "Caves");
        h.stores.jobs().transition(job.id(), j -> j.start(h.clock.instant()));
        for (int i = 0; i < rescues; i++) {
            h.stores.jobs().transition(job.id(), j -> j.rescue(h.clock.instant()));
        }
        int limit = JobPolicy.DEFAULT.maxRescues();

        h.pipeline().process(job.id());

        GenerationJob after = h.job(job.id());
        assertThat(after.rescues()).isEqualTo(rescues);
        assertThat(after.attempts()).isEqualTo(rescues + 2);
        if (rescues <= limit) {
            assertThat(after.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(h.stores.allPhrasings()).hasSize(CONCEPTS * TARGET);
        } else {
            assertThat(after.status()).isEqualTo(JobStatus.FAILED);
            assertThat(after.error().code()).isEqualTo(ErrorCode.UNKNOWN);
            assertThat(after.error().retryable()).isFalse();
            assertThat(after.error().message())
                    .contains("lost " + rescues + " times (the limit is " + limit + ")", "force a retry");
            assertThat(h.llm.prompts()).isEmpty();
            assertThat(after.retry(false).applied()).isFalse();
            assertThat(after.retry(true).job().rescues()).isZero();
        }
    }

    /** How an attempt ends, for the log property. */
    enum Ending {
        COMPLETED,
        FAILED,
        TAKEN_OVER
    }

    /**
     * An attempt logs that it started, the prompt at DEBUG cut to its first {@value JobPipeline#PROMPT_IN_LOGS}
     * characters, and how it ended, every line carrying the job, its owner and the attempt, which are gone afterwards.
     */
    @SeededProperty
    void anAttemptLogsHowItEndedAndAtMostTheStartOfThePrompt(
            @ForAll("logPrompts") String prompt, @ForAll Ending ending) {
        PipelineHarness h = new PipelineHarness();
        GenerationJob job = h.create(USER, prompt);
        switch (ending) {
            case COMPLETED -> {}
            case FAILED -> h.llm.conceptsFail(new ProviderFailure.AuthenticationFailed("API key not valid"));
            case TAKEN_OVER -> h.llm.phrasingsWithHook(
                    valid(0, TARGET), 1, () -> h.stores.jobs().transition(job.id(), j -> j.start(h.clock.instant())));
        }
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(JobPipeline.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        logger.addAppender(logged);
        try {
            h.pipeline().process(job.id());
        } finally {
            logger.detachAppender(logged);
            logger.setLevel(level);
        }

        String shown = prompt.length() <= 60 ? prompt : prompt.substring(0, 60) + "\u2026";
        String end =
                switch (ending) {
                    case COMPLETED -> "Job finished: completed, " + CONCEPTS * TARGET + " phrasings saved";
                    case FAILED -> "Job finished: failed, 0 phrasings saved, error API_KEY";
                    case TAKEN_OVER -> "Job taken over by a newer attempt";
                };
        List<String> lines =
                logged.list.stream().map(e -> e.getFormattedMessage()).toList();
        assertThat(lines).startsWith("Job started", "Job prompt: " + shown).endsWith(end);
        assertThat(logged.list).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                .containsEntry("jobId", job.id().toString())
                .containsEntry("userId", USER.value())
                .containsEntry("attempt", "1"));
        assertThat(org.slf4j.MDC.get("jobId")).isNull();
        assertThat(org.slf4j.MDC.get("userId")).isNull();
        assertThat(org.slf4j.MDC.get("attempt")).isNull();
    }

    @Provide
    Arbitrary<String> logPrompts() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(120);
    }
}
