package dev.recollect.ports.testing;

import dev.recollect.domain.failure.RetryPolicy;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.JobPipeline;
import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;

/** A {@link JobPipeline} over any stores with a {@link ScriptedLlm}, default policies and random ids. */
public final class ScriptedPipelines {
    private ScriptedPipelines() {}

    /** The pipeline over {@code stores}, without an embedder. */
    public static JobPipeline over(StoreBundle stores, ScriptedLlm llm, Clock clock, Sleeper sleeper) {
        return new JobPipeline(new JobPipeline.Dependencies(
                stores.jobs(),
                stores.concepts(),
                stores.phrasings(),
                llm,
                llm,
                Optional.empty(),
                JobPolicy.DEFAULT,
                RetryPolicy.DEFAULT,
                IdGenerator.random(),
                clock,
                sleeper,
                new SplittableRandom(17)));
    }
}
