package dev.recollect.cli.jobs;

import dev.recollect.domain.JobId;
import dev.recollect.domain.job.GenerationJob;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * Shows the jobs a worker is running, each with its phase and counts. On a terminal it draws a progress bar of the
 * phrasings saved against the phrasings expected; when the output is piped it prints a line whenever a job's phase
 * or count changes, which reads well in a log.
 */
final class JobProgress implements AutoCloseable {
    private final PrintWriter err;
    private final ProgressBar bar;
    private final Map<JobId, String> lastSeen = new HashMap<>();
    private final Map<JobId, GenerationJob> latest = new HashMap<>();

    JobProgress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.bar = interactive ? JobBar.onStderr(err, 200) : null;
    }

    /** Shows what changed in the running jobs, as just read. */
    void refresh(Collection<GenerationJob> running) {
        running.forEach(this::seen);
        if (bar != null) {
            long expected = latest.values().stream()
                    .mapToLong(j -> Math.max(j.estimatedTotal() == null ? 0 : j.estimatedTotal(), j.questionsSaved()))
                    .sum();
            bar.maxHint(expected);
            bar.stepTo(latest.values().stream()
                    .mapToLong(GenerationJob::questionsSaved)
                    .sum());
            bar.setExtraMessage(running.size() + " running");
        }
    }

    /** Records a job that finished, with its final state. */
    void finished(GenerationJob job) {
        seen(job);
    }

    private void seen(GenerationJob job) {
        latest.put(job.id(), job);
        String state = describe(job);
        if (!state.equals(lastSeen.put(job.id(), state)) && bar == null) {
            err.println(state);
            err.flush();
        }
    }

    static String describe(GenerationJob job) {
        String total = job.estimatedTotal() == null ? "?" : job.estimatedTotal().toString();
        return String.format(
                Locale.ROOT,
                "job %s  %-10s %-19s %d/%s phrasings  \"%s\"",
                job.id().toString().substring(0, 8),
                job.status().wireName(),
                job.phase().wireName(),
                job.questionsSaved(),
                total,
                job.prompt());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
        }
    }
}
