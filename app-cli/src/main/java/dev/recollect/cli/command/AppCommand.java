package dev.recollect.cli.command;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.app.App;
import dev.recollect.cli.app.JobSettings;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.Output;
import java.util.Map;

/** A command that works on the database: it opens the {@link App}, runs, and closes it, whatever happens. */
public abstract class AppCommand extends BaseCommand {
    @Override
    public final Integer call() throws Exception {
        Output out = output();
        try {
            if (!usesDatabase()) {
                return runWithoutDatabase(out);
            }
            // Settings are checked before anything starts: a bad one is exit 2, naming it, with nothing done.
            JobSettings jobSettings = JobSettings.from(environment(), jobOptions());
            App app;
            try {
                app = App.open(
                        common,
                        environment(),
                        out.err(),
                        checksSchema(),
                        new App.Use(role(), spec.qualifiedName().replaceFirst("^recollect ", "")),
                        jobSettings);
            } catch (CliException e) {
                return unavailable(e, out);
            }
            try (app) {
                return run(app, out);
            }
        } finally {
            out.flush();
        }
    }

    /**
     * Whether this run works on the database: always, unless the command can also work on files alone and its
     * options say it does; then {@link #runWithoutDatabase} runs instead of {@link #run}, and nothing is opened.
     */
    protected boolean usesDatabase() {
        return true;
    }

    /** Runs without the database, when {@link #usesDatabase()} says so; returns the exit code. */
    protected int runWithoutDatabase(Output out) throws Exception {
        throw new IllegalStateException(spec.qualifiedName() + " always works on the database");
    }

    /** Whether the command needs an external database's schema to be current; the schema commands do not. */
    protected boolean checksSchema() {
        return true;
    }

    /**
     * What the command does with the database: a one-shot command by default. Workers and interactive commands say
     * so, and {@code db stop} refuses to stop the server under them.
     */
    protected SharedPostgres.Role role() {
        return SharedPostgres.Role.COMMAND;
    }

    /** The job settings this command's options give, by option name; none unless it takes {@code JobOptions}. */
    protected Map<String, String> jobOptions() {
        return Map.of();
    }

    /** What to do when the database cannot be opened: by default, fail with the reason. */
    protected int unavailable(CliException reason, Output out) {
        throw reason;
    }

    /** Runs the command; returns its exit code. */
    protected abstract int run(App app, Output out) throws Exception;
}
