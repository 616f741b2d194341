package dev.recollect.ports.service;

import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.WatchJob;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.JobStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a job through the store's change signals. It listens before it first reads the job, so no change falls
 * between the two, and reads the job again after each signal (signals carry only the id). Without a signal it still
 * reads the job every {@link #FALLBACK}, for signals that cannot tell changes and for a signal connection that is
 * reconnecting; never faster.
 */
public final class JobWatching implements WatchJob {
    /** How long a watch waits for a signal before it reads the job anyway. */
    public static final Duration FALLBACK = Duration.ofSeconds(5);

    private final JobStore jobs;
    private final JobSignals signals;

    /** Watches the jobs of {@code jobs} through {@code signals}, which the caller owns and closes. */
    public JobWatching(JobStore jobs, JobSignals signals) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    @Override
    public Optional<GenerationJob> follow(GetJob.Query query, Consumer<GenerationJob> onChange)
            throws InterruptedException {
        CommandValidator.valid(query);
        UserId user = CommandValidator.userId(query.userId());
        JobId id = CommandValidator.jobId(query.jobId());
        BlockingQueue<JobId> changes = new LinkedBlockingQueue<>();
        AutoCloseable subscription = signals.onChanged(changed -> {
            if (changed.equals(id)) {
                changes.offer(changed);
            }
        });
        try {
            Optional<GenerationJob> first =
                    jobs.find(id).filter(job -> job.userId().equals(user));
            if (first.isEmpty()) {
                return Optional.empty();
            }
            GenerationJob last = first.get();
            onChange.accept(last);
            while (!last.status().isTerminal()) {
                changes.poll(FALLBACK.toMillis(), TimeUnit.MILLISECONDS);
                changes.clear();
                Optional<GenerationJob> now = jobs.find(id);
                if (now.isEmpty()) {
                    // Deleted under the watch (a cleanup): it ended as it was last seen.
                    return Optional.of(last);
                }
                if (!sameProgress(now.get(), last)) {
                    onChange.accept(now.get());
                }
                last = now.get();
            }
            return Optional.of(last);
        } finally {
            close(subscription);
        }
    }

    private static boolean sameProgress(GenerationJob a, GenerationJob b) {
        return a.status() == b.status()
                && a.phase() == b.phase()
                && a.questionsSaved() == b.questionsSaved()
                && a.questionsGenerated() == b.questionsGenerated()
                && Objects.equals(a.estimatedTotal(), b.estimatedTotal())
                && a.conceptIds().size() == b.conceptIds().size()
                && a.pendingConceptIds().size() == b.pendingConceptIds().size();
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            // Closing a subscription only stops calls to a listener that is going away.
        }
    }
}
