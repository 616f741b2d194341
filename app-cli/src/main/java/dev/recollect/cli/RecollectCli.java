package dev.recollect.cli;

import dev.recollect.cli.command.BaseCommand;
import dev.recollect.cli.db.DbCommand;
import dev.recollect.cli.demo.DemoCommand;
import dev.recollect.cli.doctor.DoctorCommand;
import dev.recollect.cli.fsrs.FsrsCommand;
import dev.recollect.cli.jobs.JobsCommand;
import dev.recollect.cli.migrate.ImportCommand;
import dev.recollect.cli.migrate.MigrateCommand;
import dev.recollect.cli.review.QuizCommand;
import dev.recollect.cli.review.ReviewCommand;
import dev.recollect.cli.review.StatsCommand;
import dev.recollect.cli.support.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code recollect} command: the root of every subcommand, and the process's entry point. */
@Command(
        name = "recollect",
        mixinStandardHelpOptions = true,
        versionProvider = RecollectCli.Version.class,
        description = "Turns a prompt into spaced-repetition study material and schedules its reviews with FSRS-6.",
        subcommands = {
            JobsCommand.class,
            ReviewCommand.class,
            QuizCommand.class,
            StatsCommand.class,
            FsrsCommand.class,
            DbCommand.class,
            MigrateCommand.class,
            DoctorCommand.class,
            ImportCommand.class,
            DemoCommand.class,
            AutoComplete.GenerateCompletion.class
        })
public final class RecollectCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Read by {@link LogFormat} before parsing; declared here so that every command accepts it. */
    @CommandLine.Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            scope = CommandLine.ScopeType.INHERIT,
            description = "text (for people) or json (one object per line, for machines); default text.")
    private LogFormatName logFormat;

    /** The log formats. */
    enum LogFormatName {
        /** Lines for people. */
        text,
        /** JSON objects, one per line. */
        json
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        LogFormat.apply(java.util.List.of(args));
        System.exit(execute(args));
    }

    /** Runs the command line on the process's standard streams and returns its exit code. */
    public static int execute(String... args) {
        return execute(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line in-process on the given streams and returns its exit code; tests call this. */
    public static int execute(InputStream stdin, PrintWriter stdout, PrintWriter stderr, String... args) {
        return execute(System.getenv(), stdin, stdout, stderr, args);
    }

    /**
     * Runs the command line in-process with {@code env} as its environment (GEMINI_API_KEY, RECOLLECT_* settings)
     * and the given streams; returns its exit code.
     */
    public static int execute(
            Map<String, String> env, InputStream stdin, PrintWriter stdout, PrintWriter stderr, String... args) {
        CommandLine commandLine = new CommandLine(new RecollectCli(), new StreamsFactory(stdin, env));
        commandLine.setOut(stdout);
        commandLine.setErr(stderr);
        // Bad usage is exit code 2, as for every invalid input.
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getColorScheme().errorText(e.getMessage()));
            failed.usage(failed.getErr());
            return ExitCode.INVALID_INPUT;
        });
        commandLine.setExecutionExceptionHandler(new Failures());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine
                .getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(false);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Creates commands, handing standard input to those that read it. */
    private static final class StreamsFactory implements CommandLine.IFactory {
        private final InputStream stdin;
        private final Map<String, String> env;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        StreamsFactory(InputStream stdin, Map<String, String> env) {
            this.stdin = stdin;
            this.env = env;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            K command;
            try {
                command = type.getDeclaredConstructor(InputStream.class).newInstance(stdin);
            } catch (NoSuchMethodException e) {
                command = fallback.create(type);
            }
            if (command instanceof BaseCommand base) {
                base.useEnvironment(env);
            }
            return command;
        }
    }

    /** Reads the version that Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = RecollectCli.class.getResourceAsStream("/recollect-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {
                "recollect " + properties.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
