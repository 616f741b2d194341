package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.paging.Page;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/** A learner's jobs, newest first, a page at a time. */
public interface ListRecentJobs {
    /** One page of the learner's jobs, newest first by creation. */
    Page<GenerationJob> list(Query query);

    /**
     * Which page.
     *
     * @param userId the learner
     * @param limit page size; {@code null} for 25; clamped to 10–100
     * @param cursor the {@code next} cursor of the previous page, or {@code null} for the first
     */
    record Query(@NotBlank String userId, @Positive Integer limit, String cursor) {}
}
