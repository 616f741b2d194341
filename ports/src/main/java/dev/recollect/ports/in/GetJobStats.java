package dev.recollect.ports.in;

import dev.recollect.domain.job.JobStats;
import dev.recollect.domain.job.WorkerActivity;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The job system's figures for operators: jobs over a window, and what the workers are doing now. */
public interface GetJobStats {
    /** The longest window a query may ask for. */
    Duration LONGEST_WINDOW = Duration.ofDays(366);

    /**
     * The figures.
     *
     * @throws dev.recollect.ports.in.InvalidCommandException when the window is not positive or longer than
     *     {@link #LONGEST_WINDOW}
     */
    Report stats(Query query);

    /**
     * Which jobs to count.
     *
     * @param window the jobs created or finished within this span before now
     */
    record Query(@NotNull Duration window) {}

    /**
     * The figures at one instant.
     *
     * @param at when they were read
     * @param since the window's start
     * @param jobs the jobs created or finished since then
     * @param workers what the workers are doing at {@code at}
     */
    record Report(Instant at, Instant since, JobStats jobs, WorkerActivity workers) {
        /** Requires every part. */
        public Report {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(jobs, "jobs");
            Objects.requireNonNull(workers, "workers");
        }
    }
}
