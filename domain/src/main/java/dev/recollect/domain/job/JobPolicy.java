package dev.recollect.domain.job;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.Texts;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules of the job system; every value can be overridden and is validated (messages name the field).
 *
 * @param maxActivePerUser how many pending or processing jobs a user may have at once
 * @param minPromptLength the shortest prompt, in code points after trimming
 * @param maxPromptLength the longest prompt, in code points after trimming
 * @param completedRetention how long completed jobs are kept after they finish
 * @param failedRetention how long failed jobs are kept after they fail
 * @param cancelledRetention how long cancelled jobs are kept after they are cancelled
 * @param maxConceptsPerJob the most concepts one job creates
 * @param phrasingsPerConcept how many phrasings to ask for per concept
 * @param maxRescues how many times a job may be taken over from a lost worker before it fails (a job that kills
 *     every worker that runs it must not cycle for ever); errors are bounded by the {@code RetryPolicy} instead
 */
public record JobPolicy(
        int maxActivePerUser,
        int minPromptLength,
        int maxPromptLength,
        Duration completedRetention,
        Duration failedRetention,
        Duration cancelledRetention,
        int maxConceptsPerJob,
        int phrasingsPerConcept,
        int maxRescues) {

    /** The reference app's values (with the cap counting pending jobs too), and ten rescues. */
    public static final JobPolicy DEFAULT =
            new JobPolicy(3, 3, 5000, Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(7), 50, 4, 10);

    /** Checks every value. */
    public JobPolicy {
        positive("maxActivePerUser", maxActivePerUser);
        positive("minPromptLength", minPromptLength);
        positive("maxConceptsPerJob", maxConceptsPerJob);
        positive("phrasingsPerConcept", phrasingsPerConcept);
        positive("maxRescues", maxRescues);
        if (maxPromptLength < minPromptLength) {
            throw new DomainException(
                    "maxPromptLength must be >= minPromptLength (" + minPromptLength + "), got " + maxPromptLength);
        }
        nonNegative("completedRetention", completedRetention);
        nonNegative("failedRetention", failedRetention);
        nonNegative("cancelledRetention", cancelledRetention);
    }

    /** A builder that starts from these values, so that a change names only what it changes. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some values of a policy; {@link #build()} validates them all. */
    public static final class Builder {
        private int maxActivePerUser;
        private int minPromptLength;
        private int maxPromptLength;
        private Duration completedRetention;
        private Duration failedRetention;
        private Duration cancelledRetention;
        private int maxConceptsPerJob;
        private int phrasingsPerConcept;
        private int maxRescues;

        private Builder(JobPolicy from) {
            maxActivePerUser = from.maxActivePerUser;
            minPromptLength = from.minPromptLength;
            maxPromptLength = from.maxPromptLength;
            completedRetention = from.completedRetention;
            failedRetention = from.failedRetention;
            cancelledRetention = from.cancelledRetention;
            maxConceptsPerJob = from.maxConceptsPerJob;
            phrasingsPerConcept = from.phrasingsPerConcept;
            maxRescues = from.maxRescues;
        }

        /** The cap on a user's pending and processing jobs. */
        public Builder maxActivePerUser(int value) {
            maxActivePerUser = value;
            return this;
        }

        /** How long completed jobs are kept. */
        public Builder completedRetention(Duration value) {
            completedRetention = value;
            return this;
        }

        /** How long failed jobs are kept. */
        public Builder failedRetention(Duration value) {
            failedRetention = value;
            return this;
        }

        /** How long cancelled jobs are kept. */
        public Builder cancelledRetention(Duration value) {
            cancelledRetention = value;
            return this;
        }

        /** How many rescues a job may have before it fails. */
        public Builder maxRescues(int value) {
            maxRescues = value;
            return this;
        }

        /** The policy, validated. */
        public JobPolicy build() {
            return new JobPolicy(
                    maxActivePerUser,
                    minPromptLength,
                    maxPromptLength,
                    completedRetention,
                    failedRetention,
                    cancelledRetention,
                    maxConceptsPerJob,
                    phrasingsPerConcept,
                    maxRescues);
        }
    }

    /**
     * Trims and checks a prompt: length in code points, and no control characters but newline and tab, no
     * directional formatting (which can make a prompt read otherwise than it is), and no unpaired surrogate.
     */
    public PromptCheck checkPrompt(String prompt) {
        String trimmed = prompt == null ? "" : prompt.strip();
        int index = 0;
        for (int offset = 0; offset < trimmed.length(); index++) {
            int codePoint = trimmed.codePointAt(offset);
            boolean control = Character.isISOControl(codePoint) && codePoint != '\n' && codePoint != '\t';
            // codePointAt returns an unpaired surrogate as itself.
            if (control
                    || Texts.isDirectional(codePoint)
                    || Character.isSurrogate((char) codePoint) && codePoint <= Character.MAX_VALUE) {
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

    /**
     * The cap: whether a user with {@code active} pending or processing jobs may have one more, by creating or by
     * retrying one. The store counts and locks; this decides, so every store decides alike.
     */
    public boolean allowsAnother(int active) {
        if (active < 0) {
            throw new DomainException("active must be >= 0, got " + active);
        }
        return active < maxActivePerUser;
    }

    /** Whether {@code job} is finished and past its retention at {@code now}. */
    public boolean isExpired(GenerationJob job, Instant now) {
        if (!job.status().isTerminal() || job.completedAt() == null) {
            return false;
        }
        return !job.completedAt().isAfter(expiryCutoff(job.status(), now));
    }

    /** The instant at or before which a job that ended in {@code status} is expired at {@code now}. */
    public Instant expiryCutoff(JobStatus status, Instant now) {
        return now.minus(retention(status));
    }

    /** How long a job that ended in {@code status} is kept; a job that did not end is kept for ever. */
    public Duration retention(JobStatus status) {
        return switch (status) {
            case COMPLETED -> completedRetention;
            case FAILED -> failedRetention;
            case CANCELLED -> cancelledRetention;
            case PENDING, PROCESSING -> throw new DomainException("a " + status.wireName() + " job never expires");
        };
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
