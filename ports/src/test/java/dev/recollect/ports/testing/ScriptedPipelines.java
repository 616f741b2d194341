package dev.recollect.ports.testing;

import dev.recollect.domain.failure.RetryPolicy;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.JobPipeline;
import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;

/** A {@link JobPipeline} over any stores with a {@link ScriptedLlm} and default policies. */
public final class ScriptedPipelines {
    private ScriptedPipelines() {}

    /** The pipeline over {@code stores}, without an embedder, with random ids. */
    public static JobPipeline over(Persistence stores, ScriptedLlm llm, Clock clock, Sleeper sleeper) {
        return new JobPipeline(dependencies(stores, llm, Optional.empty(), IdGenerator.random(), clock, sleeper, 17));
    }

    /** A pipeline's dependencies over {@code stores} with everything given; {@code seed} seeds the retry jitter. */
    public static JobPipeline.Dependencies dependencies(
            Persistence stores,
            ScriptedLlm llm,
            Optional<Embedder> embedder,
            IdGenerator ids,
            Clock clock,
            Sleeper sleeper,
            long seed) {
        return new JobPipeline.Dependencies(
                stores.jobs(),
                stores.concepts(),
                stores.phrasings(),
                llm,
                llm,
                embedder,
                JobPolicy.DEFAULT,
                RetryPolicy.DEFAULT,
                ids,
                clock,
                sleeper,
                new SplittableRandom(seed));
    }
}
