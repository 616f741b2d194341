package dev.recollect.ports.out;

import dev.recollect.domain.JobId;
import dev.recollect.domain.job.JobStats;
import dev.recollect.domain.job.WorkerActivity;
import dev.recollect.domain.usage.ModelUsage;
import java.time.Instant;
import java.util.List;

/**
 * What the job store tells operators, apart from what the job system does: figures over a window, the workers'
 * traces, jobs stuck past their lease, and the tokens a job used. Read-only, and each answer is one index range, so
 * that reports never slow the queue.
 */
public interface JobReports {
    /**
     * Processing jobs whose lease expired before {@code now}: work a dead worker left.
     *
     * @return how many there are
     */
    int countStuck(Instant now);

    /** What job {@code id} has used, by model in model order; empty when it used nothing or is gone. */
    List<ModelUsage> usage(JobId id);

    /** The job system's figures over the jobs created or finished since {@code since}. */
    JobStats stats(Instant since);

    /** What the workers are doing at {@code now}, for health checks. */
    WorkerActivity workerActivity(Instant now);
}
