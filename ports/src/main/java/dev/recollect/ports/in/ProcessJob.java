package dev.recollect.ports.in;

import dev.recollect.domain.JobId;
import dev.recollect.domain.job.GenerationJob;
import java.util.function.Function;

/**
 * Runs a job's pipeline: concepts, then phrasings concept by concept, saved as they arrive. Running it again on a
 * job that stopped halfway resumes it without duplicating anything.
 */
public interface ProcessJob {
    /** Processes the job to a terminal state (or to where it is cancelled); returns the job as it ends. */
    Outcome process(JobId jobId);

    /** How processing ended. */
    sealed interface Outcome {
        /**
         * The value of the function for this outcome; every variant has its own, so a new variant breaks
         * the build wherever one is handled.
         *
         * @param finished for {@link Finished}
         * @param missing for {@link Missing}
         * @param superseded for {@link Superseded}
         * @param interrupted for {@link Interrupted}
         */
        <R> R fold(
                Function<Finished, R> finished,
                Function<Missing, R> missing,
                Function<Superseded, R> superseded,
                Function<Interrupted, R> interrupted);

        /**
         * The job reached (or already was in) a terminal state.
         *
         * @param job the job as it ended
         */
        record Finished(GenerationJob job) implements Outcome {
            @Override
            public <R> R fold(
                    Function<Finished, R> finished,
                    Function<Missing, R> missing,
                    Function<Superseded, R> superseded,
                    Function<Interrupted, R> interrupted) {
                return finished.apply(this);
            }
        }

        /** There is no such job. */
        record Missing() implements Outcome {
            @Override
            public <R> R fold(
                    Function<Finished, R> finished,
                    Function<Missing, R> missing,
                    Function<Superseded, R> superseded,
                    Function<Interrupted, R> interrupted) {
                return missing.apply(this);
            }
        }

        /**
         * Another worker started the job after this one, which stopped writing to it.
         *
         * @param job the job as the other worker has it
         */
        record Superseded(GenerationJob job) implements Outcome {
            @Override
            public <R> R fold(
                    Function<Finished, R> finished,
                    Function<Missing, R> missing,
                    Function<Superseded, R> superseded,
                    Function<Interrupted, R> interrupted) {
                return superseded.apply(this);
            }
        }

        /**
         * The store became unreachable mid-way. The job is as the store last saved it, still processing at this
         * attempt: run it again once the store answers, and it resumes from what it saved.
         *
         * @param job the job as this attempt last knew it
         * @param cause what the store said
         */
        record Interrupted(GenerationJob job, String cause) implements Outcome {
            @Override
            public <R> R fold(
                    Function<Finished, R> finished,
                    Function<Missing, R> missing,
                    Function<Superseded, R> superseded,
                    Function<Interrupted, R> interrupted) {
                return interrupted.apply(this);
            }
        }
    }
}
