package dev.recollect.cli.jobs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.paging.Cursor;
import dev.recollect.domain.paging.Page;
import dev.recollect.ports.in.ListRecentJobs;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recollect jobs list}: a learner's jobs, newest first, a page at a time. */
@Command(name = "list", description = "List a learner's jobs, newest first.", mixinStandardHelpOptions = true)
public final class ListJobsCommand extends JobCommand {
    @Option(names = "--user", required = true, description = "The learner.")
    String user;

    @Option(names = "--limit", description = "Jobs per page (clamped to 10..100; default 25).")
    Integer limit;

    @Option(names = "--cursor", description = "The cursor a previous page printed.")
    String cursor;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "Only jobs in this status: pending, processing, completed, failed or cancelled; repeatable.")
    List<JobStatus> statuses = new ArrayList<>();

    @Override
    protected int run(App app, Output out) {
        Page<GenerationJob> page = app.recollect()
                .listRecentJobs()
                .list(new ListRecentJobs.Query(user, limit, cursor, EnumSet.copyOf(withAll(statuses))));
        ListRecentJobs.Quota quota = app.recollect().listRecentJobs().quota(user);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("jobs", page.items().stream().map(Views::job).toList());
        document.put("nextCursor", page.next().map(Cursor::encode).orElse(null));
        document.put("active", quota.active());
        document.put("maxActive", quota.maximum());
        out.document(document);
        out.line("Active jobs: %d of %d.", quota.active(), quota.maximum());
        if (page.items().isEmpty()) {
            out.line("No jobs.");
        }
        page.items().forEach(job -> out.line(Views.jobLine(job)));
        page.next().ifPresent(next -> out.line("More: --cursor %s", next.encode()));
        return ExitCode.OK;
    }

    /** No status given means every status. */
    private static List<JobStatus> withAll(List<JobStatus> statuses) {
        return statuses.isEmpty() ? List.of(JobStatus.values()) : statuses;
    }
}
