package dev.recollect.cli;

import dev.recollect.adapters.jdbi.PersistenceException;
import dev.recollect.adapters.jdbi.server.LocalPostgresException;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.ports.in.InvalidCommandException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns what a command threw into a message and an exit code: expected failures get one line and their code, with
 * no stack trace; anything else gets exit code 1 and the path of the log that holds the stack trace.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof CliException failure) {
            log.info("{} failed: {}", name, failure.getMessage(), failure.getCause());
            return report(command, name, failure.getMessage(), failure.exitCode());
        }
        if (e instanceof InvalidCommandException invalid) {
            return report(command, name, "invalid input: " + invalid.getMessage(), ExitCode.INVALID_INPUT);
        }
        log.error("{} failed", name, e);
        String what = e instanceof PersistenceException
                ? "database error: " + e.getMessage()
                : e instanceof LocalPostgresException
                        ? "could not run the embedded PostgreSQL: " + e.getMessage()
                        : "unexpected error: " + e;
        return report(command, name, what + " (details in " + logFile() + ")", ExitCode.UNEXPECTED);
    }

    private static int report(CommandLine command, String name, String message, int code) {
        command.getErr().println(name + ": " + message);
        command.getErr().flush();
        return code;
    }

    /** Where logback writes, as {@code logback.xml} sets it. */
    static Path logFile() {
        String home = System.getenv("RECOLLECT_HOME");
        Path base = home != null && !home.isBlank()
                ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".recollect");
        return base.resolve("logs").resolve("recollect.log");
    }
}
