package dev.recollect.cli.jobs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Span;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.job.JobStats;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.job.WorkerActivity;
import dev.recollect.ports.in.GetJobStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recollect jobs stats}: the job system at a glance, like a backfill scheduler's stats endpoint: counts by
 * status, failures by error code, throughput and durations, the queue and the newest jobs. Every figure comes from an
 * indexed query.
 */
@Command(
        name = "stats",
        description = "Counts, failures, throughput, durations, the queue and the newest jobs.",
        mixinStandardHelpOptions = true)
public final class StatsJobsCommand extends AppCommand {
    @Option(
            names = "--since",
            defaultValue = "24h",
            converter = Span.Converter.class,
            description = "The window: 90s, 30m, 24h, 7d; default 24h.")
    Span since;

    @Override
    protected int run(App app, Output out) {
        Duration window = since.duration();
        if (window.isZero() || window.compareTo(GetJobStats.LONGEST_WINDOW) > 0) {
            throw CliException.invalid("--since must be more than 0 and at most " + GetJobStats.LONGEST_WINDOW.toDays()
                    + "d, got " + since.text());
        }
        GetJobStats.Report report = app.recollect().getJobStats().stats(new GetJobStats.Query(window));
        JobStats stats = report.jobs();
        WorkerActivity queue = report.workers();
        double perHour = stats.completed() / (window.toSeconds() / 3600.0);

        Map<String, Object> byStatus = new LinkedHashMap<>();
        for (JobStatus status : JobStatus.values()) {
            byStatus.put(status.wireName(), stats.byStatus().get(status));
        }
        Map<String, Object> failures = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (stats.failuresByCode().containsKey(code)) {
                failures.put(code.name(), stats.failuresByCode().get(code));
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("since", report.since().toString());
        document.put("byStatus", byStatus);
        document.put("failuresByCode", failures);
        document.put("completed", stats.completed());
        document.put("completedPerHour", Math.round(perHour * 10) / 10.0);
        document.put("durationP50Ms", stats.p50DurationMs());
        document.put("durationP95Ms", stats.p95DurationMs());
        UsageView usage = new UsageView(stats.usage(), app.prices());
        document.put("usage", usage.document());
        document.put("queueDepth", queue.pending());
        document.put(
                "oldestPending",
                queue.oldestPending() == null ? null : queue.oldestPending().toString());
        document.put("inProgress", queue.liveLeases());
        document.put("recent", stats.recent().stream().map(Views::job).toList());
        out.document(document);

        out.line("Jobs created in the last %s: %s", since.text(), byStatus);
        out.line("Failures by code: %s", failures.isEmpty() ? "none" : failures);
        out.line(String.format(
                Locale.ROOT,
                "Completed: %d (%.1f per hour); duration p50 %s, p95 %s",
                stats.completed(),
                perHour,
                seconds(stats.p50DurationMs()),
                seconds(stats.p95DurationMs())));
        out.line(usage.line());
        out.line(
                "Queue: %d pending (oldest %s), %d in progress",
                queue.pending(), queue.oldestPending() == null ? "none" : queue.oldestPending(), queue.liveLeases());
        out.line("Newest jobs:");
        stats.recent().forEach(job -> out.line("  " + Views.jobLine(job)));
        return ExitCode.OK;
    }

    private static String seconds(Long millis) {
        return millis == null ? "-" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
