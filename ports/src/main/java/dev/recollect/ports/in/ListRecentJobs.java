package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.paging.Page;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.Set;

/** A learner's jobs, newest first, a page at a time. */
public interface ListRecentJobs {
    /** One page of the learner's jobs, newest first by creation. */
    Page<GenerationJob> list(Query query);

    /** How many active jobs the learner has, and how many the policy allows. */
    Quota quota(String userId);

    /**
     * Which page.
     *
     * @param userId the learner
     * @param limit page size; {@code null} for 25; clamped to 10–100
     * @param cursor the {@code next} cursor of the previous page, or {@code null} for the first
     * @param statuses only jobs in these; empty for all
     */
    record Query(@NotBlank String userId, @Positive Integer limit, String cursor, Set<JobStatus> statuses) {
        /** Copies the statuses. */
        public Query {
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        }

        /** Every status. */
        public Query(String userId, Integer limit, String cursor) {
            this(userId, limit, cursor, Set.of());
        }
    }

    /**
     * A learner's place under the cap.
     *
     * @param active pending and processing jobs
     * @param maximum how many the policy allows at once
     */
    record Quota(int active, int maximum) {}
}
