package dev.recollect.cli;

import picocli.CommandLine.Option;

/** The {@code --metrics-every} option of the long-running commands ({@code jobs work}, {@code migrate run|work}). */
public final class MetricsOption {
    @Option(
            names = "--metrics-every",
            description = "Log the metrics of docs/operations.md at this interval, such as 60s, and once more on exit;"
                    + " off by default.")
    String every;

    /**
     * Refuses a malformed interval, so that a command can check its input before it writes anything.
     *
     * @throws CliException (exit 2) when the interval is malformed
     */
    public void check() {
        if (every != null) {
            Spans.parse(every, "--metrics-every");
        }
    }

    /**
     * Starts the metric log the option asks for, or one that records nothing when it was not given.
     *
     * @throws CliException (exit 2) when the interval is malformed
     */
    public MetricsLog open() {
        return every == null ? MetricsLog.off() : MetricsLog.every(Spans.parse(every, "--metrics-every"));
    }
}
