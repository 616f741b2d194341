package dev.recollect.cli.review;

import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.stats.Reconciliation;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.ports.in.GetStats;
import dev.recollect.ports.in.ReconcileStats;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recollect stats}: a learner's counters and what is due; {@code --reconcile} recounts them first. */
@Command(name = "stats", description = "Show a learner's review counts.", mixinStandardHelpOptions = true)
public final class StatsCommand extends AppCommand {
    @Option(names = "--user", required = true, description = "The learner.")
    String user;

    @Option(names = "--reconcile", description = "Recount the counters from the concepts and report any drift.")
    boolean reconcile;

    @Override
    protected int run(App app, Output out) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (reconcile) {
            Reconciliation result = app.recollect().reconcileStats().reconcile(new ReconcileStats.Command(user));
            StatsDelta drift = result.drift();
            Map<String, Object> drifts = new LinkedHashMap<>();
            drifts.put("totalCards", drift.totalCards());
            drifts.put("newCount", drift.newCount());
            drifts.put("learningCount", drift.learningCount());
            drifts.put("matureCount", drift.matureCount());
            document.put("drift", drifts);
            out.line(result.drifted() ? "Counters had drifted (recounted minus cached): " + drifts : "No drift.");
        }
        var stats = app.recollect().getStats().stats(new GetStats.Query(user));
        document.put("stats", Views.stats(stats));
        out.document(document);
        out.line(Views.statsLine(stats));
        return ExitCode.OK;
    }
}
