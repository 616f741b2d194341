package dev.recollect.cli.jobs;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.ports.in.GetJob;
import java.util.ArrayList;
import java.util.Comparator;
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
        GenerationJob job = app.jobs()
                .get(new GetJob.Query(target.user, target.jobId))
                .orElseThrow(() -> CliException.notFound("Job not found or access denied: " + target.jobId));
        out.document(print(app, out, job));
        return ExitCode.OK;
    }

    /** Prints {@code job} and its concepts for people, and returns its JSON document; the demo uses it too. */
    public static Map<String, Object> print(App app, Output out, GenerationJob job) {
        // Read first: a malformed price table is refused before anything is printed.
        var prices = app.prices();
        List<Map<String, Object>> concepts = new ArrayList<>();
        out.line(Views.jobLine(job));
        List<Concept> found = new ArrayList<>(app.persistence().concepts().findByJob(job.id()));
        // In the order the job proposed them, which the job records; the concepts share one creation time.
        found.sort(Comparator.comparingInt(c -> job.conceptIds().indexOf(c.id())));
        for (Concept concept : found) {
            List<Phrasing> phrasings = app.persistence().phrasings().findByConcept(concept.id());
            concepts.add(Views.concept(concept, phrasings));
            out.line("  %s  (%d phrasings)  %s", concept.title(), phrasings.size(), concept.id());
            for (Phrasing phrasing : phrasings) {
                out.line("    - %s  [%s]", phrasing.question(), phrasing.correctAnswer());
            }
        }
        UsageView usage = new UsageView(app.persistence().jobReports().usage(job.id()), prices);
        out.line("  " + usage.line());
        Map<String, Object> document = new LinkedHashMap<>(Views.job(job));
        document.put("usage", usage.document());
        document.put("concepts", concepts);
        return document;
    }
}
