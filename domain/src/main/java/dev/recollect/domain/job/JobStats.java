package dev.recollect.domain.job;

import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.usage.ModelUsage;
import java.util.List;
import java.util.Map;

/**
 * The job system's figures over a window: what operators read to see whether jobs flow.
 *
 * @param byStatus jobs created since, by their status now (every status present)
 * @param failuresByCode jobs that failed since, by error code
 * @param completed jobs that completed since
 * @param p50DurationMs the median duration of those, {@code percentile_cont}; {@code null} if none
 * @param p95DurationMs their 95th percentile; {@code null} if none
 * @param usage the tokens that jobs created since used, by model in model order
 * @param recent the 20 newest jobs, of any user
 */
public record JobStats(
        Map<JobStatus, Integer> byStatus,
        Map<ErrorCode, Integer> failuresByCode,
        int completed,
        Long p50DurationMs,
        Long p95DurationMs,
        List<ModelUsage> usage,
        List<GenerationJob> recent) {
    /** How many of the newest jobs it lists. */
    public static final int RECENT = 20;

    /** Copies the collections. */
    public JobStats {
        byStatus = Map.copyOf(byStatus);
        failuresByCode = Map.copyOf(failuresByCode);
        usage = List.copyOf(usage);
        recent = List.copyOf(recent);
    }
}
