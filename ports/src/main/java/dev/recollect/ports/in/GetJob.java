package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import jakarta.validation.constraints.NotBlank;
import java.util.Optional;

/** Reads a job, for its owner only. */
public interface GetJob {
    /** The job, or empty when it does not exist <em>or</em> belongs to someone else (so nothing leaks). */
    Optional<GenerationJob> get(Query query);

    /**
     * Which job, for whom.
     *
     * @param userId the asking learner
     * @param jobId the job's id, as text
     */
    record Query(@NotBlank String userId, @NotBlank String jobId) {}
}
