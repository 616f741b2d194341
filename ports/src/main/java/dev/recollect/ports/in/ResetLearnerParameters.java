package dev.recollect.ports.in;

import jakarta.validation.constraints.NotBlank;

/** Deletes the FSRS weights saved for a learner, so that the deployment's schedule their answers again. */
public interface ResetLearnerParameters {
    /** Deletes them; whether there were any. */
    boolean reset(Command command);

    /**
     * For whom.
     *
     * @param userId the learner
     */
    record Command(@NotBlank String userId) {}
}
