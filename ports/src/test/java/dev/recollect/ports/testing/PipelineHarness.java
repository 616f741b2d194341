package dev.recollect.ports.testing;

import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.out.RateLimitRule;
import dev.recollect.ports.service.GenerationJobs;
import dev.recollect.ports.service.JobPipeline;
import java.util.Optional;

/** The job services wired over in-memory stores, a scripted LLM, a clock that only tests move, and no sleeping. */
public final class PipelineHarness {
    /** The clock. */
    public final MutableClock clock = new MutableClock(Fixtures.T0);
    /** The stores. */
    public final InMemoryStores stores = new InMemoryStores();
    /** The LLM (and embedder). */
    public final ScriptedLlm llm = new ScriptedLlm();
    /** Waits, recorded instead of slept. */
    public final RecordingSleeper sleeper = new RecordingSleeper(clock);
    /** The job use cases. */
    public final GenerationJobs jobs;

    private final SequentialIds ids = new SequentialIds();
    private final Metrics metrics;

    /** A harness with the default policy, recording no metrics. */
    public PipelineHarness() {
        this(Metrics.NONE);
    }

    /** A harness with the default policy whose services record into {@code metrics}. */
    public PipelineHarness(Metrics metrics) {
        this.metrics = metrics;
        jobs = new GenerationJobs(
                stores.jobs(), JobPolicy.DEFAULT, RateLimitRule.QUESTION_GENERATION, ids, clock, metrics);
    }

    /** The pipeline, with the scripted embedder. */
    public JobPipeline pipeline() {
        return pipeline(Optional.of(llm));
    }

    /** The pipeline with {@code embedder}. */
    public JobPipeline pipeline(Optional<Embedder> embedder) {
        return new JobPipeline(ScriptedPipelines.dependencies(stores, llm, embedder, ids, clock, sleeper, 42), metrics);
    }

    /** Creates a job for {@code user}; fails the test if it is rejected. */
    public GenerationJob create(UserId user, String prompt) {
        CreateJob.Result result = jobs.create(new CreateJob.Command(user.value(), prompt, null));
        return ((CreateJob.Result.Created) result).job();
    }

    /** The job as stored. */
    public GenerationJob job(JobId id) {
        return stores.jobs().find(id).orElseThrow();
    }

    /** Cancels the job as its owner would. */
    public void cancel(GenerationJob job) {
        stores.jobs().transition(job.id(), j -> j.cancel(clock.instant()));
    }
}
