package dev.recollect.ports.out;

import java.util.Objects;

/**
 * Every store Recollect keeps its data in, from one backing store: what an embedding service hands to
 * {@code Recollect.builder()}. The PostgreSQL adapter's {@code JdbiPersistence} is one; the ports' test-jar has an
 * in-memory one. The stores share the backing store's transactions where a use case needs them to (a job and its
 * admission, an answer and the counters it changes).
 */
public interface Persistence {
    /** Generation jobs: creation under the cap and rate limit, claims, leases, transitions, retention. */
    JobStore jobs();

    /** Read-only figures over the jobs, for operators and health checks. */
    JobReports jobReports();

    /** Concepts. */
    ConceptStore concepts();

    /** Phrasings. */
    PhrasingStore phrasings();

    /** Each learner's counters. */
    UserStatsStore userStats();

    /** Answers, recorded together with the schedule, counters and statistics they change. */
    ReviewStore reviews();

    /** Each learner's fitted FSRS weights. */
    LearnerParameterStore learnerParameters();

    /** Admissions under rate limits. */
    RateLimiter rateLimiter();

    /** The ledger of data migrations and the imported documents they change. */
    MigrationLedger migrations();

    /** Work that one process among many does at a time. */
    ExclusiveLocks exclusiveLocks();

    /**
     * Opens signals between the processes that share this store (a job became claimable, a job was cancelled or
     * changed); the caller closes them. A store that cannot signal returns polling signals.
     */
    JobSignals openSignals();

    /** Where the store's schema stands; a store without a schema says it is current. */
    Schema schema();

    /**
     * The version of the store's schema.
     *
     * @param version the version in place; {@code null} when none is
     * @param pending how many schema migrations are still to apply
     */
    record Schema(String version, int pending) {
        /** Requires a count of zero or more. */
        public Schema {
            if (pending < 0) {
                throw new IllegalArgumentException("pending migrations are never negative, got " + pending);
            }
        }

        /** Whether the schema is the one this library expects. */
        public boolean isCurrent() {
            return pending == 0 && version != null;
        }

        /** A store whose schema is always current, such as one in memory, named {@code version}. */
        public static Schema current(String version) {
            return new Schema(Objects.requireNonNull(version, "version"), 0);
        }
    }
}
