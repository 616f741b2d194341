package dev.recollect.ports.out;

/**
 * Work that one process of many should do at a time, such as housekeeping: each process tries, one wins, the others
 * skip their turn. With PostgreSQL this is an advisory lock, held by the winner's session for the work's duration and
 * released however the process ends.
 */
public interface ExclusiveLocks {
    /**
     * Runs {@code work} unless another process (or thread) is running work under {@code name} now.
     *
     * @return whether {@code work} ran
     */
    boolean runExclusively(String name, Runnable work);
}
