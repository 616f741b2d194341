package dev.recollect.cli.support;

/**
 * An expected failure of a command: its message is for the person at the terminal, and its exit code says what kind
 * of failure it is. The root command prints it without a stack trace.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure with {@code exitCode} (see {@link ExitCode}) and a message for people. */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A failure with {@code exitCode}, a message for people, and its technical cause for the log. */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit code. */
    public int exitCode() {
        return exitCode;
    }

    /** Bad input: exit code 2. */
    public static CliException invalid(String message) {
        return new CliException(ExitCode.INVALID_INPUT, message);
    }

    /** Not found, or not the user's: exit code 3. */
    public static CliException notFound(String message) {
        return new CliException(ExitCode.NOT_FOUND, message);
    }

    /** Rejected by policy: exit code 4. */
    public static CliException rejected(String message) {
        return new CliException(ExitCode.REJECTED, message);
    }
}
