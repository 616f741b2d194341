package dev.recollect.cli.jobs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.usage.PriceTable;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.GetJobDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code recollect jobs show}: one job, with the concepts and phrasings it has saved so far. */
@Command(name = "show", description = "Show a job and what it generated.", mixinStandardHelpOptions = true)
public final class ShowJobCommand extends AppCommand {
    @Mixin
    JobArguments target;

    @Override
    protected int run(App app, Output out) {
        // Read first: a malformed price table is refused before anything is read or printed.
        var prices = app.prices();
        GetJobDetails.JobDetails details = app.recollect()
                .getJobDetails()
                .details(new GetJob.Query(target.user, target.jobId))
                .orElseThrow(() -> CliException.notFound("Job not found or access denied: " + target.jobId));
        out.document(print(out, details, prices));
        return ExitCode.OK;
    }

    /** Prints a job and its concepts for people, and returns its JSON document; the demo uses it too. */
    public static Map<String, Object> print(Output out, GetJobDetails.JobDetails details, PriceTable prices) {
        List<Map<String, Object>> concepts = new ArrayList<>();
        out.line(Views.jobLine(details.job()));
        for (GetJobDetails.ConceptDetails found : details.concepts()) {
            Concept concept = found.concept();
            List<Phrasing> phrasings = found.phrasings();
            concepts.add(Views.concept(concept, phrasings));
            out.line("  %s  (%d phrasings)  %s", concept.title(), phrasings.size(), concept.id());
            for (Phrasing phrasing : phrasings) {
                out.line("    - %s  [%s]", phrasing.question(), phrasing.correctAnswer());
            }
        }
        UsageView usage = new UsageView(details.usage(), prices);
        out.line("  " + usage.line());
        Map<String, Object> document = new LinkedHashMap<>(Views.job(details.job()));
        document.put("usage", usage.document());
        document.put("concepts", concepts);
        return document;
    }
}
