package dev.recollect.cli.command;

import dev.recollect.cli.app.MetricsLog;
import dev.recollect.cli.support.Span;
import picocli.CommandLine.Option;

/** The {@code --metrics-every} option of the long-running commands ({@code jobs work}, {@code migrate run|work}). */
public final class MetricsOption {
    @Option(
            names = "--metrics-every",
            converter = Span.Converter.class,
            description = "Log the metrics of docs/operations.md at this interval, such as 60s, and once more on exit;"
                    + " off by default.")
    Span every;

    /** Starts the metric log the option asks for, or one that records nothing when it was not given. */
    public MetricsLog open() {
        return every == null ? MetricsLog.off() : MetricsLog.every(every.duration());
    }
}
