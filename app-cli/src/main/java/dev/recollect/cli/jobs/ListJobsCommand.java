package dev.recollect.cli.jobs;

import dev.recollect.cli.AppCommand;
import dev.recollect.cli.ExitCode;
import dev.recollect.cli.Output;
import dev.recollect.cli.Views;
import dev.recollect.cli.app.App;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.paging.Cursor;
import dev.recollect.domain.paging.Page;
import dev.recollect.ports.in.ListRecentJobs;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recollect jobs list}: a learner's jobs, newest first, a page at a time. */
@Command(name = "list", description = "List a learner's jobs, newest first.", mixinStandardHelpOptions = true)
public final class ListJobsCommand extends AppCommand {
    @Option(names = "--user", required = true, description = "The learner.")
    String user;

    @Option(names = "--limit", description = "Jobs per page (clamped to 10..100; default 25).")
    Integer limit;

    @Option(names = "--cursor", description = "The cursor a previous page printed.")
    String cursor;

    @Override
    protected int run(App app, Output out) {
        Page<GenerationJob> page = app.jobs().list(new ListRecentJobs.Query(user, limit, cursor));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("jobs", page.items().stream().map(Views::job).toList());
        document.put("nextCursor", page.next().map(Cursor::encode).orElse(null));
        out.document(document);
        if (page.items().isEmpty()) {
            out.line("No jobs.");
        }
        page.items().forEach(job -> out.line(Views.jobLine(job)));
        page.next().ifPresent(next -> out.line("More: --cursor %s", next.encode()));
        return ExitCode.OK;
    }
}
