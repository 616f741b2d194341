package dev.recollect.cli.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The job settings as options, for the commands they affect; each wins over its environment variable. Values are
 * texts here, checked by {@code JobSettings} before the command does anything, so that a bad one is exit 2 naming the
 * option.
 */
public final class JobOptions {
    @Option(names = "--max-active", paramLabel = "N", description = "Active jobs per learner (default 3).")
    String maxActive;

    @Option(
            names = "--rate-limit",
            paramLabel = "N/SPAN",
            description = "Jobs created or retried per learner and per IP in a rolling window (default 100/1h).")
    String rateLimit;

    @Option(names = "--retention-completed", paramLabel = "SPAN", description = "Keep completed jobs (default 7d).")
    String retentionCompleted;

    @Option(names = "--retention-failed", paramLabel = "SPAN", description = "Keep failed jobs (default 30d).")
    String retentionFailed;

    @Option(names = "--retention-cancelled", paramLabel = "SPAN", description = "Keep cancelled jobs (default 7d).")
    String retentionCancelled;

    @Option(names = "--lease", paramLabel = "SPAN", description = "A worker's claim without a heartbeat (default 30s).")
    String lease;

    @Option(names = "--heartbeat", paramLabel = "SPAN", description = "How often leases are renewed (default lease/3).")
    String heartbeat;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Attempts per LLM call (default 3).")
    String maxAttempts;

    @Option(
            names = "--max-rescues",
            paramLabel = "N",
            description = "Times a job may be taken over from a lost worker before it fails (default 10).")
    String maxRescues;

    @Option(names = "--concurrency", paramLabel = "N", description = "Jobs a worker runs at once, 1 to 16 (default 1).")
    String concurrency;

    @Option(
            names = "--housekeeping-every",
            paramLabel = "SPAN",
            description = "How often a worker deletes expired jobs and old rate-limit admissions; 0 for never"
                    + " (default 10m).")
    String housekeepingEvery;

    /** The options given, by name. */
    public Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "--max-active", maxActive);
        put(given, "--rate-limit", rateLimit);
        put(given, "--retention-completed", retentionCompleted);
        put(given, "--retention-failed", retentionFailed);
        put(given, "--retention-cancelled", retentionCancelled);
        put(given, "--lease", lease);
        put(given, "--heartbeat", heartbeat);
        put(given, "--max-attempts", maxAttempts);
        put(given, "--max-rescues", maxRescues);
        put(given, "--concurrency", concurrency);
        put(given, "--housekeeping-every", housekeepingEvery);
        return given;
    }

    private static void put(Map<String, String> given, String name, String value) {
        if (value != null) {
            given.put(name, value);
        }
    }
}
