package dev.recollect.cli.jobs;

import dev.recollect.domain.job.GenerationJob;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One job's progress as a bar of the phrasings saved against those expected, with its phase and concepts. */
final class JobBar implements AutoCloseable {
    private final PrintWriter err;
    private final ProgressBar bar;

    JobBar(PrintWriter err) {
        this.err = err;
        this.bar = onStderr(err, 100);
    }

    /** A bar of phrasings drawn on one line of {@code err}, redrawn at most every {@code refreshMillis}. */
    static ProgressBar onStderr(PrintWriter err, int refreshMillis) {
        return new ProgressBarBuilder()
                .setTaskName("phrasings")
                .setInitialMax(0)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }))
                .setUpdateIntervalMillis(refreshMillis)
                .build();
    }

    void show(GenerationJob job) {
        long expected = Math.max(job.estimatedTotal() == null ? 0 : job.estimatedTotal(), job.questionsSaved());
        bar.maxHint(expected);
        bar.stepTo(job.questionsSaved());
        bar.setExtraMessage(
                job.status().wireName() + " " + job.phase().wireName() + ", " + WatchJobCommand.concepts(job));
    }

    @Override
    public void close() {
        bar.close();
        err.println();
        err.flush();
    }
}
