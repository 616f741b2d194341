package dev.recollect.cli.support;

/** The exit codes of every {@code recollect} command, documented in {@code docs/cli.md}. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** Unexpected failure; the message says where the log is. */
    public static final int UNEXPECTED = 1;
    /** Bad usage or invalid input; the message names the field. */
    public static final int INVALID_INPUT = 2;
    /** Not found, or not yours. */
    public static final int NOT_FOUND = 3;
    /** Rejected by policy (a cap or a rate limit), with the retry-after. */
    public static final int REJECTED = 4;
    /** The job watched ({@code jobs watch}) or the migration run worked on was cancelled. */
    public static final int CANCELLED = 5;

    private ExitCode() {}
}
