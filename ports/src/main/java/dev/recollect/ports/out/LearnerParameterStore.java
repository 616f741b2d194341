package dev.recollect.ports.out;

import dev.recollect.domain.UserId;
import dev.recollect.domain.review.LearnerParameters;
import java.util.Optional;

/** Each learner's fitted FSRS weights, at most one set per learner. */
public interface LearnerParameterStore {
    /** The learner's weights, if any were saved. */
    Optional<LearnerParameters> find(UserId userId);

    /** Saves {@code parameters} as their learner's, replacing any saved before, whole. */
    void save(LearnerParameters parameters);

    /** Deletes the learner's weights, so that the deployment's schedule them again; whether there were any. */
    boolean delete(UserId userId);
}
