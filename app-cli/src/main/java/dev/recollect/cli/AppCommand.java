package dev.recollect.cli;

import dev.recollect.cli.app.App;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the database: it opens the {@link App}, runs, and closes it, whatever happens. */
public abstract class AppCommand implements Callable<Integer> {
    /** The database and output options. */
    @Mixin
    protected CommonOptions common;

    /** The command's spec, for its streams. */
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        Output out = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), common.json());
        try {
            App app;
            try {
                app = App.open(common, environment(), out.err(), checksSchema());
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

    private Map<String, String> environment = System.getenv();

    /** The environment the command reads its settings from: the process's, unless a caller gave another. */
    protected Map<String, String> environment() {
        return environment;
    }

    /** Runs the command with {@code env} instead of the process environment (an in-process caller's settings). */
    void useEnvironment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
    }

    /** Whether the command needs an external database's schema to be current; the schema commands do not. */
    protected boolean checksSchema() {
        return true;
    }

    /** What to do when the database cannot be opened: by default, fail with the reason. */
    protected int unavailable(CliException reason, Output out) {
        throw reason;
    }

    /** Runs the command; returns its exit code. */
    protected abstract int run(App app, Output out) throws Exception;
}
