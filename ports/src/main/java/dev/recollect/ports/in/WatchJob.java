package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import java.util.Optional;
import java.util.function.Consumer;

/** Follows one job of a learner as it runs, pushed by the store's signals rather than by polling. */
public interface WatchJob {
    /**
     * Calls {@code onChange} with the job as it is now, then after every change of its status, phase or progress,
     * until it ends.
     *
     * @return the job as it ended; empty when the learner has no such job
     * @throws InterruptedException when the watching thread is interrupted, which ends the watch
     */
    Optional<GenerationJob> follow(GetJob.Query query, Consumer<GenerationJob> onChange) throws InterruptedException;
}
