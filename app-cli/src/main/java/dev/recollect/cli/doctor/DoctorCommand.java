package dev.recollect.cli.doctor;

import dev.recollect.cli.app.App;
import dev.recollect.cli.app.Model;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.in.CheckHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        Model model = null;
        Check unresolved = null;
        if (checkModel) {
            try {
                model = Model.resolve(Model.Provider.GEMINI, environment(), false);
            } catch (CliException e) {
                unresolved = new Check("model", "fail", e.getMessage());
            }
        }
        Recollect recollect = model == null ? app.recollect() : app.recollect(model);
        CheckHealth.Health health = recollect.checkHealth().check(new CheckHealth.Query(model != null));
        List<Check> checks = new ArrayList<>();
        for (CheckHealth.Check check : health.checks()) {
            String detail = check.name().equals("database") ? app.description() + " is reachable" : check.detail();
            checks.add(new Check(check.name(), check.status().name().toLowerCase(Locale.ROOT), detail));
        }
        if (unresolved != null) {
            checks.add(unresolved);
        }
        return report(out, checks);
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
