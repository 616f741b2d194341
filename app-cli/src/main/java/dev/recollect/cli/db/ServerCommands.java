package dev.recollect.cli.db;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.app.EmbeddedSettings;
import dev.recollect.cli.command.BaseCommand;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recollect db start | stop | status}: the home's shared embedded server, like {@code pg_ctl}. Commands start
 * it when they need it and it stops after its idle grace; {@code start} keeps it running for a session of work.
 */
final class ServerCommands {
    private ServerCommands() {}

    /** The commands here manage the embedded server; with an external database they have nothing to do. */
    private abstract static class ServerCommand extends BaseCommand {
        @Override
        public final Integer call() {
            if (common.external()) {
                throw CliException.invalid(spec.qualifiedName() + " manages the embedded database, but"
                        + " --database-url (or RECOLLECT_DATABASE_URL) names an external one");
            }
            Output out = output();
            try {
                return run(EmbeddedSettings.of(common.home(), environment()), out);
            } finally {
                out.flush();
            }
        }

        abstract int run(SharedPostgres.Settings settings, Output out);
    }

    /** {@code recollect db start}. */
    @Command(
            name = "start",
            description = "Start the embedded PostgreSQL and keep it running until `db stop`.",
            mixinStandardHelpOptions = true)
    static final class Start extends ServerCommand {
        @Override
        int run(SharedPostgres.Settings settings, Output out) {
            SharedPostgres.Status status = SharedPostgres.start(settings, notice -> {
                out.err().println(notice);
                out.err().flush();
            });
            return report(status, out);
        }
    }

    /** {@code recollect db stop}. */
    @Command(
            name = "stop",
            description = "Stop the embedded PostgreSQL: waits up to 10 s for one-shot commands, and refuses while a"
                    + " worker or a quiz is connected (exit 4) unless --force.",
            mixinStandardHelpOptions = true)
    static final class Stop extends ServerCommand {
        @Option(names = "--force", description = "Stop even under workers and quizzes, which lose their connection.")
        boolean force;

        @Override
        int run(SharedPostgres.Settings settings, Output out) {
            return SharedPostgres.stop(settings, force)
                    .fold(
                            notRunning -> {
                                out.document(Map.of("stopped", false, "running", false));
                                out.line("No embedded PostgreSQL runs for %s.", settings.home());
                                return ExitCode.OK;
                            },
                            stopped -> {
                                Map<String, Object> json = new LinkedHashMap<>();
                                json.put("stopped", true);
                                json.put("server", ServerViews.server(stopped.server()));
                                json.put("disconnected", ServerViews.users(stopped.disconnected()));
                                out.document(json);
                                out.line(
                                        "Stopped the embedded PostgreSQL of %s (pid %d, port %d).",
                                        settings.home(),
                                        stopped.server().postmasterPid(),
                                        stopped.server().port());
                                stopped.disconnected()
                                        .forEach(user -> out.line("Disconnected:%s", ServerViews.user(user)));
                                return ExitCode.OK;
                            },
                            refused -> {
                                out.document(Map.of(
                                        "stopped",
                                        false,
                                        "running",
                                        true,
                                        "users",
                                        ServerViews.users(refused.users())));
                                out.err()
                                        .println("db stop: the embedded PostgreSQL of " + settings.home()
                                                + " is in use; stop these first, or pass --force to disconnect them:");
                                refused.users().forEach(user -> out.err().println(ServerViews.user(user)));
                                return ExitCode.REJECTED;
                            });
        }
    }

    /** {@code recollect db status}. */
    @Command(
            name = "status",
            description = "Whether the embedded PostgreSQL runs, where its data is, and who uses it; exit 3 when it"
                    + " does not run.",
            mixinStandardHelpOptions = true)
    static final class Status extends ServerCommand {
        @Override
        int run(SharedPostgres.Settings settings, Output out) {
            return report(SharedPostgres.status(settings), out);
        }
    }

    private static int report(SharedPostgres.Status status, Output out) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("running", status.running());
        json.put("data", ServerViews.location(status.location()));
        status.server().ifPresent(server -> json.put("server", ServerViews.server(server)));
        json.put("pinned", status.pinned());
        json.put("idleGraceSeconds", status.idleGrace().toSeconds());
        json.put("users", ServerViews.users(status.users()));
        out.document(json);
        out.line("Data: %s", ServerViews.describe(status.location()));
        if (status.server().isEmpty()) {
            out.line("Not running; the next command that needs it starts it.");
            return ExitCode.NOT_FOUND;
        }
        SharedPostgres.Server server = status.server().get();
        out.line(
                "Running on 127.0.0.1:%d since %s (postmaster pid %d, %s).",
                server.port(), server.startedAt(), server.postmasterPid(), server.binaries());
        out.line(
                status.pinned()
                        ? "Kept running by `db start` until `db stop`."
                        : "Stops %d s after its last user leaves.",
                status.idleGrace().toSeconds());
        if (!server.keeperAlive()) {
            out.line("Its keeper (pid %d) is gone; the next command adopts the server.", server.keeperPid());
        }
        out.line(status.users().isEmpty() ? "No users." : "Users:");
        status.users().forEach(user -> out.line(ServerViews.user(user)));
        return ExitCode.OK;
    }
}
