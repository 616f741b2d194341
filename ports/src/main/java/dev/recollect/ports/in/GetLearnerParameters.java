package dev.recollect.ports.in;

import dev.recollect.domain.review.LearnerParameters;
import jakarta.validation.constraints.NotBlank;
import java.util.Optional;

/** Reads the FSRS weights saved for a learner; without any, the deployment's schedule them. */
public interface GetLearnerParameters {
    /** The learner's saved weights, if any. */
    Optional<LearnerParameters> get(Query query);

    /**
     * For whom.
     *
     * @param userId the learner
     */
    record Query(@NotBlank String userId) {}
}
