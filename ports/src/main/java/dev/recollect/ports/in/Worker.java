package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A worker that runs generation jobs: claims them from the shared store (so that many workers on many machines can
 * share one database), keeps their leases alive, and processes each through the pipeline. A service starts one per
 * process with {@link #start()} and closes it on shutdown; a batch job runs {@link #runUntilIdle()} instead.
 *
 * <p>{@link #close()} shuts down gracefully: it stops claiming, lets running jobs finish for the grace period, then
 * releases the leases of those still running so that another worker can take them over at once.
 */
public interface Worker extends AutoCloseable {
    /**
     * Starts processing on background threads, until {@link #close()}: when nothing is claimable it waits for a
     * signal that a job was created, or the idle poll at most. A started worker also runs the housekeeping.
     *
     * @throws IllegalStateException when it was started already, or closed
     */
    void start();

    /**
     * Processes jobs on the calling thread until {@link #close()} is called from another (a shutdown hook, say), and
     * runs the housekeeping meanwhile; what {@link #start()} runs in the background.
     *
     * @throws InterruptedException when the calling thread is interrupted, which stops the worker
     * @throws IllegalStateException when it was started already, or closed
     */
    void runUntilClosed() throws InterruptedException;

    /**
     * Processes jobs on the calling thread until none is claimable.
     *
     * @return how many it processed
     * @throws IllegalStateException when it was started (it then runs in the background) or closed
     */
    int runUntilIdle();

    /** The jobs running here now, as the store has them, for progress displays. */
    List<GenerationJob> running();

    /** Stops gracefully; waits at most the grace period. Closing twice does nothing. */
    @Override
    void close();

    /**
     * How a worker behaves.
     *
     * @param workerId the name this worker claims under; unique among live workers
     * @param concurrency how many jobs it runs at once
     * @param lease how long a claim lasts without a heartbeat
     * @param idlePoll how long to wait between claims when there was nothing to do
     * @param gracePeriod how long {@link Worker#close()} waits for running jobs
     * @param heartbeat how often the leases of running jobs are renewed; shorter than the lease
     */
    public record Settings(
            String workerId,
            int concurrency,
            Duration lease,
            Duration idlePoll,
            Duration gracePeriod,
            Duration heartbeat) {
        /** Checks the values. */
        public Settings {
            Objects.requireNonNull(workerId, "workerId");
            if (workerId.isBlank() || concurrency < 1 || lease.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(
                        "a worker needs an id, a concurrency of at least 1 and a lease of at least 1 second");
            }
            Objects.requireNonNull(idlePoll, "idlePoll");
            Objects.requireNonNull(gracePeriod, "gracePeriod");
            Objects.requireNonNull(heartbeat, "heartbeat");
            if (heartbeat.toMillis() < 1 || heartbeat.compareTo(lease) >= 0) {
                throw new IllegalArgumentException(
                        "the heartbeat must be shorter than the lease (" + lease + "), got " + heartbeat);
            }
        }

        /** Settings whose heartbeat is a third of the lease, so that two beats can be lost before it runs out. */
        public Settings(String workerId, int concurrency, Duration lease, Duration idlePoll, Duration gracePeriod) {
            this(workerId, concurrency, lease, idlePoll, gracePeriod, lease.dividedBy(3));
        }

        /** One job at a time, a 30-second lease, polling every second, a 30-second grace period. */
        public static Settings defaults(String workerId) {
            return new Settings(workerId, 1, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30));
        }
    }
}
