package dev.recollect.cli.db;

import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.cli.app.App;
import dev.recollect.cli.command.AppCommand;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code recollect db}: the embedded server ({@code start}, {@code stop}, {@code status}) and the schema. */
@Command(
        name = "db",
        description = "The embedded database's server, and the schema of any database.",
        mixinStandardHelpOptions = true,
        subcommands = {
            DbCommand.Migrate.class,
            DbCommand.Info.class,
            ServerCommands.Start.class,
            ServerCommands.Stop.class,
            ServerCommands.Status.class
        })
public final class DbCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code recollect db migrate}. */
    @Command(name = "migrate", description = "Apply the pending schema migrations.", mixinStandardHelpOptions = true)
    public static final class Migrate extends AppCommand {
        @Override
        protected boolean checksSchema() {
            return false;
        }

        @Override
        protected int run(App app, Output out) {
            int applied = JdbiPersistence.migrateSchema(app.dataSource());
            JdbiPersistence.SchemaInfo info = JdbiPersistence.schemaInfo(app.dataSource());
            out.document(Map.of("applied", applied, "version", info.currentVersion()));
            out.line(
                    "Applied %d migrations; the schema is at version %s (%s).",
                    applied, info.currentVersion(), app.description());
            return ExitCode.OK;
        }
    }

    /** {@code recollect db info}. */
    @Command(
            name = "info",
            description = "Show the schema's version and pending migrations.",
            mixinStandardHelpOptions = true)
    public static final class Info extends AppCommand {
        @Override
        protected boolean checksSchema() {
            return false;
        }

        @Override
        protected int run(App app, Output out) {
            JdbiPersistence.SchemaInfo info = JdbiPersistence.schemaInfo(app.dataSource());
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", app.description());
            document.put("version", info.currentVersion());
            document.put("pending", info.pending());
            document.put("current", info.isCurrent());
            app.embeddedLocation().ifPresent(location -> document.put("data", ServerViews.location(location)));
            out.document(document);
            out.line("Database: %s", app.description());
            app.embeddedLocation().ifPresent(location -> out.line("Data: %s", ServerViews.describe(location)));
            out.line("Schema version %s; %d pending migrations.", info.currentVersion(), info.pending());
            return ExitCode.OK;
        }
    }
}
