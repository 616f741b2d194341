package dev.recollect.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a job.
 *
 * @param value the UUID
 */
public record JobId(UUID value) implements Comparable<JobId> {
    /** A non-null UUID. */
    public JobId {
        Objects.requireNonNull(value, "jobId");
    }

    /** Parses the canonical text form of a UUID; the message of a failure names the id. */
    public static JobId parse(String text) {
        return new JobId(Ids.parse("jobId", text));
    }

    /** Orders as PostgreSQL orders {@code uuid}: by the 16 bytes, unsigned (not as {@link UUID#compareTo}). */
    @Override
    public int compareTo(JobId other) {
        return Ids.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
