package dev.recollect.domain.job;

import dev.recollect.domain.DomainException;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules of the job system; every value can be overridden and is validated (messages name the field).
 *
 * @param maxActivePerUser how many pending or processing jobs a user may have at once
 * @param minPromptLength the shortest prompt, in code points after trimming
 * @param maxPromptLength the longest prompt, in code points after trimming
 * @param completedRetention how long completed and cancelled jobs are kept after they finish
 * @param failedRetention how long failed jobs are kept after they fail
 * @param maxConceptsPerJob the most concepts one job creates
 * @param phrasingsPerConcept how many phrasings to ask for per concept
 * @param maxAttempts how many times a worker may start a job before it fails for good
 */
public record JobPolicy(
        int maxActivePerUser,
        int minPromptLength,
        int maxPromptLength,
        Duration completedRetention,
        Duration failedRetention,
        int maxConceptsPerJob,
        int phrasingsPerConcept,
        int maxAttempts) {

    /** The reference app's values (with the cap counting pending jobs too). */
    public static final JobPolicy DEFAULT =
            new JobPolicy(3, 3, 5000, Duration.ofDays(7), Duration.ofDays(30), 50, 4, 3);

    /** Checks every value. */
    public JobPolicy {
        positive("maxActivePerUser", maxActivePerUser);
        positive("minPromptLength", minPromptLength);
        positive("maxConceptsPerJob", maxConceptsPerJob);
        positive("phrasingsPerConcept", phrasingsPerConcept);
        positive("maxAttempts", maxAttempts);
        if (maxPromptLength < minPromptLength) {
            throw new DomainException(
                    "maxPromptLength must be >= minPromptLength (" + minPromptLength + "), got " + maxPromptLength);
        }
        nonNegative("completedRetention", completedRetention);
        nonNegative("failedRetention", failedRetention);
    }

    /** Trims and checks a prompt: length in code points, and no control characters but newline and tab. */
    public PromptCheck checkPrompt(String prompt) {
        String trimmed = prompt == null ? "" : prompt.strip();
        int index = 0;
        for (int offset = 0; offset < trimmed.length(); index++) {
            int codePoint = trimmed.codePointAt(offset);
            if (Character.isISOControl(codePoint) && codePoint != '\n' && codePoint != '\t') {
                return new PromptCheck.ControlCharacter(codePoint, index);
            }
            offset += Character.charCount(codePoint);
        }
        int length = index;
        if (length < minPromptLength) {
            return new PromptCheck.TooShort(minPromptLength, length);
        }
        if (length > maxPromptLength) {
            return new PromptCheck.TooLong(maxPromptLength, length);
        }
        return new PromptCheck.Accepted(trimmed);
    }

    /** Whether {@code job} is finished and past its retention at {@code now}. */
    public boolean isExpired(GenerationJob job, Instant now) {
        if (!job.status().isTerminal() || job.completedAt() == null) {
            return false;
        }
        Duration retention = job.status() == JobStatus.FAILED ? failedRetention : completedRetention;
        return !job.completedAt().plus(retention).isAfter(now);
    }

    /** The instant before which a job of {@code status} that finished is expired at {@code now}. */
    public Instant expiryCutoff(JobStatus status, Instant now) {
        return now.minus(status == JobStatus.FAILED ? failedRetention : completedRetention);
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new DomainException(field + " must be at least 1, got " + value);
        }
    }

    private static void nonNegative(String field, Duration value) {
        if (value == null || value.isNegative()) {
            throw new DomainException(field + " must be a duration >= 0, got " + value);
        }
    }
}
