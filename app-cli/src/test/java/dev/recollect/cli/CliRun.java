package dev.recollect.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of {@code recollect}: its exit code and what it printed.
 *
 * @param exitCode the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
public record CliRun(int exitCode, String out, String err) {
    /** Runs {@code args} with {@code stdin} as standard input. */
    public static CliRun of(String stdin, String... args) {
        return withEnvironment(System.getenv(), stdin, args);
    }

    /** Runs {@code args} with {@code env} as the environment and {@code stdin} as standard input. */
    public static CliRun withEnvironment(java.util.Map<String, String> env, String stdin, String... args) {
        return withBytes(env, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs {@code args} with {@code env} as the environment and {@code stdin}'s bytes, valid UTF-8 or not. */
    public static CliRun withBytes(java.util.Map<String, String> env, byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecollectCli.execute(
                env, new ByteArrayInputStream(stdin), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The options that point a command at {@code database}: URL, user and password. */
    public static java.util.List<String> databaseOptions(dev.recollect.adapters.jdbi.testing.TestDatabase database) {
        return java.util.List.of(
                "--database-url",
                database.jdbcUrl(),
                "--database-user",
                database.user(),
                "--database-password",
                database.password() == null ? "" : database.password());
    }
}
