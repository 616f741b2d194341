package dev.recollect.cli;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.app.App;

/** A command that works on the database: it opens the {@link App}, runs, and closes it, whatever happens. */
public abstract class AppCommand extends BaseCommand {
    @Override
    public final Integer call() throws Exception {
        Output out = output();
        try {
            App app;
            try {
                app = App.open(
                        common,
                        environment(),
                        out.err(),
                        checksSchema(),
                        new App.Use(role(), spec.qualifiedName().replaceFirst("^recollect ", "")));
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

    /** What to do when the database cannot be opened: by default, fail with the reason. */
    protected int unavailable(CliException reason, Output out) {
        throw reason;
    }

    /** Runs the command; returns its exit code. */
    protected abstract int run(App app, Output out) throws Exception;
}
