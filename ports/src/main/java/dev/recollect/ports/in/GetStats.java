package dev.recollect.ports.in;

import dev.recollect.domain.stats.StatsSnapshot;
import jakarta.validation.constraints.NotBlank;

/** Reads a learner's counters and what is due now. */
public interface GetStats {
    /** The counters, with what is due counted now. */
    StatsSnapshot stats(Query query);

    /**
     * For whom.
     *
     * @param userId the learner
     */
    record Query(@NotBlank String userId) {}
}
