package dev.recollect.ports.testing;

import dev.recollect.domain.JobId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.ports.out.JobStore;
import java.time.Instant;

/** How a job got to where it is, for properties over jobs in every state: every status, and a failure either way. */
public enum JobPath {
    /** Created and left waiting. */
    PENDING(JobStatus.PENDING),
    /** Started by a worker. */
    PROCESSING(JobStatus.PROCESSING),
    /** Started and completed. */
    COMPLETED(JobStatus.COMPLETED),
    /** Started and failed with an error a retry may mend. */
    FAILED_RETRYABLE(JobStatus.FAILED),
    /** Started and failed with an error a retry would not mend. */
    FAILED_FOR_GOOD(JobStatus.FAILED),
    /** Cancelled while waiting. */
    CANCELLED(JobStatus.CANCELLED);

    private final JobStatus status;

    JobPath(JobStatus status) {
        this.status = status;
    }

    /** The status a job on this path ends in. */
    public JobStatus status() {
        return status;
    }

    /** Takes the pending job {@code id} along this path in {@code jobs}, at {@code at}; returns it as stored. */
    public GenerationJob drive(JobStore jobs, JobId id, Instant at) {
        if (this != PENDING && this != CANCELLED) {
            jobs.transition(id, j -> j.start(at));
        }
        switch (this) {
            case PENDING, PROCESSING -> {}
            case COMPLETED -> jobs.transition(id, j -> j.complete(j.prompt(), at));
            case FAILED_RETRYABLE -> jobs.transition(
                    id, j -> j.fail(new JobError(ErrorCode.NETWORK, "failed", true), at));
            case FAILED_FOR_GOOD -> jobs.transition(
                    id, j -> j.fail(new JobError(ErrorCode.CONTENT_BLOCKED, "failed", false), at));
            case CANCELLED -> jobs.transition(id, j -> j.cancel(at));
        }
        return jobs.find(id).orElseThrow();
    }
}
