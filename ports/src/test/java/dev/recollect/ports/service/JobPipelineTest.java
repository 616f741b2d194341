package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.generation.ConceptIdea;
import dev.recollect.domain.generation.GeneratedPhrasing;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.Proxies;
import dev.recollect.ports.testing.ScriptedLlm;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobPipelineTest {
    private final PipelineHarness h = new PipelineHarness();
    private final UserId user = new UserId("learner");

    private static List<GeneratedPhrasing> phrasings(String prefix, int n) {
        return java.util.stream.IntStream.rangeClosed(1, n)
                .mapToObj(i -> ScriptedLlm.phrasing(prefix + " question number " + i + "?"))
                .toList();
    }

    @Test
    void theHappyPathSavesEveryPhrasingAndCompletes() {
        GenerationJob job = h.create(user, "  Photosynthesis  ");
        h.clock.advance(Duration.ofSeconds(2));

        ProcessJob.Outcome outcome = h.pipeline().process(job.id());

        GenerationJob done = h.job(job.id());
        assertThat(outcome).isEqualTo(new ProcessJob.Outcome.Finished(done));
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.phase()).isEqualTo(JobPhase.FINALIZING);
        assertThat(done.topic()).isEqualTo("Photosynthesis");
        assertThat(done.conceptIds()).hasSize(3);
        assertThat(done.pendingConceptIds()).isEmpty();
        assertThat(done.estimatedTotal()).isEqualTo(12);
        assertThat(done.questionsGenerated()).isEqualTo(12);
        assertThat(done.questionsSaved()).isEqualTo(12);
        assertThat(done.durationMs()).isZero();
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(h.stores.allPhrasings()).hasSize(12).allSatisfy(p -> assertThat(p.embedding())
                .isNotNull());
        assertThat(h.stores.allConcepts()).allSatisfy(c -> {
            assertThat(c.phrasingCount()).isEqualTo(4);
            assertThat(c.thinScore()).isNull();
            assertThat(c.generationJobId()).isEqualTo(job.id());
        });
        var stats = h.stores.userStats().get(user);
        assertThat(stats.totalCards()).isEqualTo(3);
        assertThat(stats.newCount()).isEqualTo(3);
        assertThat(h.llm.prompts()).containsExactly("Photosynthesis");
        assertThat(h.llm.requests()).allSatisfy(r -> assertThat(r.count()).isEqualTo(4));
    }

    @Test
    void conceptsThatAllExistFailTheJobWithTheReferenceMessage() {
        GenerationJob first = h.create(user, "Rivers");
        h.pipeline().process(first.id());
        GenerationJob second = h.create(user, "Rivers");

        h.pipeline().process(second.id());

        GenerationJob failed = h.job(second.id());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().message()).isEqualTo(JobPipeline.ALL_EXIST);
        assertThat(failed.error().retryable()).isFalse();
    }

    @Test
    void conceptTitlesTooShortAreNotReportedAsExisting() {
        GenerationJob job = h.create(user, "DNA");
        h.llm.concepts(new ConceptIdea("DNA", "The molecule of heredity.", "Everything."));

        h.pipeline().process(job.id());

        assertThat(h.job(job.id()).error().message()).isEqualTo(JobPipeline.TITLES_TOO_SHORT);
    }

    @Test
    void anAnswerWithoutUsableConceptsFailsAsTooBroad() {
        GenerationJob job = h.create(user, "Everything");
        h.llm.concepts();

        h.pipeline().process(job.id());

        assertThat(h.job(job.id()).error())
                .isEqualTo(new JobError(ErrorCode.SCHEMA_VALIDATION, JobPipeline.TOO_BROAD, false));
    }

    @Test
    void aFailingEmbedderOnlyWarnsAndThePhrasingsAreKept() {
        GenerationJob job = h.create(user, "Comets");
        h.llm.embeddingsFail(new ProviderFailure.Unreachable("embedding service down"));

        h.pipeline().process(job.id());

        assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(h.stores.allPhrasings()).hasSize(12).allSatisfy(p -> assertThat(p.embedding())
                .isNull());
        assertThat(h.pipeline(Optional.empty())).isNotNull();
    }

    @Test
    void aWorkerThatLostTheJobStopsWriting() {
        GenerationJob job = h.create(user, "Storms");
        h.llm.phrasingsWithHook(
                phrasings("Storm", 4), 1, () -> h.stores.jobs().transition(job.id(), j -> j.start(h.clock.instant())));

        ProcessJob.Outcome outcome = h.pipeline().process(job.id());

        assertThat(outcome).isInstanceOf(ProcessJob.Outcome.Superseded.class);
        GenerationJob stolen = h.job(job.id());
        assertThat(stolen.attempts()).isEqualTo(2);
        assertThat(stolen.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(stolen.questionsSaved()).isEqualTo(1);
        assertThat(h.stores.allPhrasings())
                .as("the fenced worker saved nothing more")
                .hasSize(1);
    }

    @Test
    void aConceptThatVanishedIsSkippedAndTheJobStillCompletes() {
        GenerationJob job = h.create(user, "Coral");
        h.llm.phrasingsWithHook(phrasings("Coral", 4), 4, () -> {
            List<Concept> all = h.stores.allConcepts();
            h.stores.removeConcept(all.get(all.size() - 1).id());
        });

        h.pipeline().process(job.id());

        GenerationJob done = h.job(job.id());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.questionsSaved()).isEqualTo(8);
    }

    @Test
    void aFinishedOrMissingJobIsNotProcessedAgain() {
        GenerationJob job = h.create(user, "Moss");
        h.cancel(job);
        assertThat(h.pipeline().process(job.id())).isEqualTo(new ProcessJob.Outcome.Finished(h.job(job.id())));
        assertThat(h.pipeline().process(Fixtures.job(user, Fixtures.T0).id()))
                .isEqualTo(new ProcessJob.Outcome.Missing());
        assertThat(h.llm.prompts()).isEmpty();
    }

    @Test
    void anUnexpectedErrorFailsTheJob() {
        GenerationJob job = h.create(user, "Lichen");
        h.llm.phrasingsWithHook(phrasings("Lichen", 4), 1, () -> {
            throw new IllegalStateException("a bug");
        });

        h.pipeline().process(job.id());

        GenerationJob failed = h.job(job.id());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.UNKNOWN);
    }

    @Test
    void conceptsAJobAlreadyCreatedAreReusedAndPhrasingsTopUpWhatIsMissing() {
        GenerationJob job = h.create(user, "Rainforests");
        Concept bare = Fixtures.concept(user, "Canopy layer", job.id(), Fixtures.T0);
        Concept half = Fixtures.concept(user, "Epiphytes", job.id(), Fixtures.T0.plusMillis(1));
        Concept full = Fixtures.concept(user, "Buttress roots", job.id(), Fixtures.T0.plusMillis(2));
        Concept foreign =
                Fixtures.concept(new UserId("someone-else"), "Leaf litter", job.id(), Fixtures.T0.plusMillis(3));
        h.stores
                .concepts()
                .insertAll(List.of(bare, half, full), dev.recollect.domain.stats.StatsDelta.NONE, Fixtures.T0);
        h.stores.concepts().insertAll(List.of(foreign), dev.recollect.domain.stats.StatsDelta.NONE, Fixtures.T0);
        for (int i = 0; i < 2; i++) {
            h.stores
                    .phrasings()
                    .insertIfAbsent(Fixtures.phrasing(half, "Half question number " + i + "?", Fixtures.T0));
        }
        for (int i = 0; i < 4; i++) {
            h.stores
                    .phrasings()
                    .insertIfAbsent(Fixtures.phrasing(full, "Full question number " + i + "?", Fixtures.T0));
        }

        h.pipeline().process(job.id());

        GenerationJob done = h.job(job.id());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(h.llm.prompts()).as("no new concepts were synthesised").isEmpty();
        assertThat(h.llm.requests())
                .extracting(r -> r.conceptTitle() + ":" + r.count())
                .containsExactly("Canopy layer:4", "Epiphytes:2");
        assertThat(h.stores.phrasings().findByConcept(foreign.id())).isEmpty();
        assertThat(done.questionsSaved())
                .as("the phrasings earlier attempts saved count once the job completes")
                .isEqualTo(12);
    }

    @Test
    void cancellingDuringConceptSynthesisCreatesNoConcepts() {
        GenerationJob job = h.create(user, "Oases");
        h.llm.conceptsWithHook(() -> h.cancel(job), new ConceptIdea("Oasis water", "Where it comes from.", "Life."));

        h.pipeline().process(job.id());

        assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(h.stores.allConcepts()).isEmpty();
    }

    @Test
    void cancellingWhileWaitingToRetryCallsTheLlmNoMore() {
        GenerationJob job = h.create(user, "Fjords");
        h.llm.conceptsFail(new ProviderFailure.Unreachable("reset"));
        h.sleeper.onSleep(() -> h.cancel(job));

        h.pipeline().process(job.id());

        assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(h.llm.prompts()).hasSize(1);
    }

    @Test
    void tokensThatCannotBeRecordedDoNotCostTheJobItsPhrasings() {
        GenerationJob job = h.create(user, "Glaciers");
        // The store fails only usage writes; everything else goes through.
        JobStore failingUsage = Proxies.around(JobStore.class, h.stores.jobs(), call -> {
            if (call.name().equals("recordUsage")) {
                throw new IllegalStateException("usage table unavailable");
            }
            return call.proceed();
        });
        Persistence bundle = Proxies.around(
                Persistence.class, h.stores, call -> call.name().equals("jobs") ? failingUsage : call.proceed());
        JobPipeline pipeline = new JobPipeline(dev.recollect.ports.testing.ScriptedPipelines.dependencies(
                bundle,
                h.llm,
                Optional.empty(),
                new dev.recollect.ports.testing.SequentialIds(),
                h.clock,
                h.sleeper,
                3));

        pipeline.process(job.id());

        assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(h.job(job.id()).questionsSaved()).isEqualTo(12);
        assertThat(h.stores.jobReports().usage(job.id())).isEmpty();
    }

    @Test
    void callsThatReportNoTokensLeaveNoUsage() {
        GenerationJob job = h.create(user, "Glaciers");
        h.llm.reportingNoTokens();

        h.pipeline().process(job.id());

        assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(h.stores.jobReports().usage(job.id())).isEmpty();
    }

    @Test
    void anInterruptedWaitStopsTheRunAndKeepsTheInterrupt() {
        GenerationJob job = h.create(user, "Deltas");
        h.llm.conceptsFail(new ProviderFailure.Unreachable("reset"));
        JobPipeline pipeline = new JobPipeline(new JobPipeline.Dependencies(
                h.stores.jobs(),
                h.stores.concepts(),
                h.stores.phrasings(),
                h.llm,
                h.llm,
                Optional.empty(),
                dev.recollect.domain.job.JobPolicy.DEFAULT,
                dev.recollect.domain.failure.RetryPolicy.DEFAULT,
                new dev.recollect.ports.testing.SequentialIds(),
                h.clock,
                duration -> {
                    throw new InterruptedException("shutting down");
                },
                new java.util.SplittableRandom(1)));

        pipeline.process(job.id());

        assertThat(Thread.interrupted()).isTrue();
        assertThat(h.job(job.id()).status()).isEqualTo(JobStatus.PROCESSING);
    }

    @Test
    void aPhrasingAnotherWorkerSavedFirstIsCountedAsAcceptedButNotSaved() {
        GenerationJob job = h.create(user, "Geysers");
        dev.recollect.ports.out.PhrasingStore racing = new dev.recollect.ports.out.PhrasingStore() {
            private boolean raced;

            @Override
            public boolean insertIfAbsent(Phrasing phrasing) {
                if (!raced) {
                    raced = true;
                    h.stores.phrasings().insertIfAbsent(phrasing);
                }
                return h.stores.phrasings().insertIfAbsent(phrasing);
            }

            @Override
            public List<Phrasing> findByConcept(dev.recollect.domain.ConceptId conceptId) {
                return h.stores.phrasings().findByConcept(conceptId);
            }

            @Override
            public void setEmbedding(dev.recollect.domain.PhrasingId id, float[] embedding, java.time.Instant now) {
                h.stores.phrasings().setEmbedding(id, embedding, now);
            }

            @Override
            public Optional<Phrasing> find(dev.recollect.domain.PhrasingId id) {
                return h.stores.phrasings().find(id);
            }

            @Override
            public Optional<Phrasing> change(
                    UserId owner,
                    dev.recollect.domain.PhrasingId id,
                    dev.recollect.domain.library.Lifecycle change,
                    java.time.Instant now) {
                return h.stores.phrasings().change(owner, id, change, now);
            }
        };
        JobPipeline pipeline = new JobPipeline(new JobPipeline.Dependencies(
                h.stores.jobs(),
                h.stores.concepts(),
                racing,
                h.llm,
                h.llm,
                Optional.of(h.llm),
                dev.recollect.domain.job.JobPolicy.DEFAULT,
                dev.recollect.domain.failure.RetryPolicy.DEFAULT,
                new dev.recollect.ports.testing.SequentialIds(),
                h.clock,
                h.sleeper,
                new java.util.SplittableRandom(1)));

        pipeline.process(job.id());

        GenerationJob done = h.job(job.id());
        assertThat(done.questionsGenerated()).isEqualTo(12);
        // The other worker's phrasing is the job's too: once the job completes, every phrasing its concepts hold
        // counts, whichever attempt saved it.
        assertThat(done.questionsSaved()).isEqualTo(12);
        assertThat(h.stores.allPhrasings().stream().filter(p -> p.embedding() == null))
                .hasSize(1);
    }

    @Test
    void archivedPhrasingsAreNeitherContextNorCountedNorAskedAgain() {
        GenerationJob job = h.create(user, "Savannas");
        Concept concept = Fixtures.concept(user, "Grass fires", job.id(), Fixtures.T0);
        h.stores.concepts().insertAll(List.of(concept), dev.recollect.domain.stats.StatsDelta.NONE, Fixtures.T0);
        Phrasing kept = Fixtures.phrasing(concept, "Why do savanna fires help grasses?", Fixtures.T0);
        Phrasing old = Fixtures.phrasing(concept, "An archived question about fires?", Fixtures.T0);
        Phrasing archived = new Phrasing(
                old.id(),
                old.userId(),
                old.conceptId(),
                old.question(),
                old.explanation(),
                old.type(),
                old.options(),
                old.correctAnswer(),
                0,
                0,
                null,
                null,
                old.createdAt(),
                Fixtures.T0,
                null);
        h.stores.phrasings().insertIfAbsent(kept);
        h.stores.phrasings().insertIfAbsent(archived);
        h.llm.phrasings(
                ScriptedLlm.phrasing("An archived question about fires?"),
                ScriptedLlm.phrasing("New question one about fires?"),
                ScriptedLlm.phrasing("New question two about fires?"),
                ScriptedLlm.phrasing("New question three about fires?"));

        h.pipeline().process(job.id());

        PhrasingGeneratorRequests.assertFirst(h.llm.requests(), 3, List.of("Why do savanna fires help grasses?"));
        assertThat(h.job(job.id()).questionsSaved())
                .as("every phrasing the job's concept holds, the archived one included, counts as saved")
                .isEqualTo(5);
        assertThat(h.stores.concepts().find(concept.id()).orElseThrow().phrasingCount())
                .isEqualTo(4);
    }

    /** Assertions on what the generator was asked. */
    static final class PhrasingGeneratorRequests {
        static void assertFirst(
                List<dev.recollect.ports.out.PhrasingGenerator.Request> requests, int count, List<String> context) {
            assertThat(requests).isNotEmpty();
            assertThat(requests.get(0).count()).isEqualTo(count);
            assertThat(requests.get(0).existingQuestions()).containsExactlyElementsOf(context);
        }
    }
}
