package dev.recollect.domain.failure;

import java.util.Objects;

/**
 * Why a job failed, as the job stores it.
 *
 * @param code the error code
 * @param message the message for the learner
 * @param retryable whether running the job again may succeed
 */
public record JobError(ErrorCode code, String message, boolean retryable) {
    /** All fields are required. */
    public JobError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
