package dev.recollect.cli.doctor;

import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.cli.app.App;
import dev.recollect.cli.app.Model;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.domain.job.WorkerActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recollect doctor}: checks the database and its schema, stuck jobs, whether workers are about, and (when
 * asked) that the model answers; one line per check, and an exit code that says whether all passed.
 */
@Command(
        name = "doctor",
        description = "Check the database, the workers and (with --check-model) the model.",
        mixinStandardHelpOptions = true)
public final class DoctorCommand extends AppCommand {
    /** How long pending jobs may wait with no worker activity before the workers check fails. */
    static final Duration IDLE = Duration.ofMinutes(5);

    @Option(names = "--check-model", description = "Also make one tiny call to the model (needs GEMINI_API_KEY).")
    boolean checkModel;

    /**
     * One check's outcome.
     *
     * @param name the check
     * @param status {@code ok}, {@code fail} or {@code skip}
     * @param detail what was found
     */
    record Check(String name, String status, String detail) {}

    @Override
    protected boolean checksSchema() {
        return false;
    }

    @Override
    protected int unavailable(CliException reason, Output out) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("database", "fail", reason.getMessage()));
        for (String name : List.of("schema", "stuck-jobs", "workers")) {
            checks.add(new Check(name, "skip", "no database"));
        }
        return report(out, checks);
    }

    @Override
    protected int run(App app, Output out) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("database", "ok", app.description() + " is reachable"));
        JdbiPersistence.SchemaInfo schema = JdbiPersistence.schemaInfo(app.dataSource());
        if (schema.isCurrent()) {
            checks.add(new Check("schema", "ok", "version " + schema.currentVersion()));
            Instant now = app.clock().instant();
            checks.add(stuck(app.persistence().jobReports().countStuck(now)));
            checks.add(workers(app.persistence().jobReports().workerActivity(now), now));
        } else {
            checks.add(new Check(
                    "schema",
                    "fail",
                    "version " + schema.currentVersion() + ", " + schema.pending()
                            + " migrations pending: run `recollect db migrate`"));
            checks.add(new Check("stuck-jobs", "skip", "the schema is not current"));
            checks.add(new Check("workers", "skip", "the schema is not current"));
        }
        if (checkModel) {
            checks.add(model());
        }
        return report(out, checks);
    }

    private static Check stuck(int stuck) {
        return stuck == 0
                ? new Check("stuck-jobs", "ok", "no processing job is past its lease")
                : new Check(
                        "stuck-jobs",
                        "fail",
                        stuck + " processing jobs are past their lease; the next worker"
                                + " rescues them (`recollect jobs work`)");
    }

    static Check workers(WorkerActivity activity, Instant now) {
        String last = activity.lastFinished() == null
                ? "never"
                : activity.lastFinished().toString();
        if (activity.liveLeases() > 0) {
            return new Check("workers", "ok", activity.liveLeases() + " jobs in progress under live leases");
        }
        if (activity.pending() == 0) {
            return new Check("workers", "ok", "no job waiting; a worker last finished a job: " + last);
        }
        Instant since = now.minus(IDLE);
        boolean waitedLong = activity.oldestPending().isBefore(since);
        boolean workerQuiet =
                activity.lastFinished() == null || activity.lastFinished().isBefore(since);
        if (waitedLong && workerQuiet) {
            return new Check(
                    "workers",
                    "fail",
                    activity.pending() + " jobs waiting since " + activity.oldestPending()
                            + " and no worker seen since " + last + ": start `recollect jobs work`");
        }
        return new Check("workers", "ok", activity.pending() + " jobs waiting; a worker last finished a job: " + last);
    }

    private Check model() {
        try {
            Model model = Model.resolve(Model.Provider.GEMINI, environment(), false);
            float[] vector = model.embedder().orElseThrow().embed("ping");
            return new Check("model", "ok", model.description() + " answered (" + vector.length + " dimensions)");
        } catch (RuntimeException e) {
            return new Check("model", "fail", e.getMessage());
        }
    }

    private static int report(Output out, List<Check> checks) {
        boolean ok = checks.stream().noneMatch(c -> c.status().equals("fail"));
        for (Check check : checks) {
            out.line("%-4s %-10s %s", check.status(), check.name(), check.detail());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", ok);
        document.put(
                "checks",
                checks.stream()
                        .map(c -> Map.of("name", c.name(), "status", c.status(), "detail", c.detail()))
                        .toList());
        out.document(document);
        return ok ? ExitCode.OK : ExitCode.UNEXPECTED;
    }
}
