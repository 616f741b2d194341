package dev.recollect.cli.app;

import dev.recollect.cli.support.CliException;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.failure.RetryPolicy;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.RateLimitRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job system's settings: the reference's values unless an environment variable or a command's option says
 * otherwise (an option wins over the variable), each validated before the command does anything, with the setting's
 * name in the message. {@link #describe()} says where each effective value came from.
 *
 * @param policy the job policy: cap, retentions, rescue limit
 * @param limit the rate limit on creating and retrying jobs, per learner and per IP address
 * @param retry the attempts of each LLM call within a job
 * @param lease how long a worker's claim lasts without a heartbeat
 * @param heartbeat how often a worker renews its leases
 * @param concurrency how many jobs a worker runs at once
 * @param housekeepingEvery how often a worker runs the cleanup; zero for never
 * @param sources where each value came from, in the order {@link #describe()} lists them
 */
public record JobSettings(
        JobPolicy policy,
        RateLimitRule limit,
        RetryPolicy retry,
        Duration lease,
        Duration heartbeat,
        int concurrency,
        Duration housekeepingEvery,
        List<Setting> sources) {

    /**
     * One setting as {@code jobs settings} shows it.
     *
     * @param name what it is
     * @param variable its environment variable
     * @param option its option
     * @param value its effective value
     * @param source {@code default}, the variable's name, or the option's
     */
    public record Setting(String name, String variable, String option, String value, String source) {}

    // The environment variables, one per setting; docs/cli.md tabulates them.
    static final String MAX_ACTIVE = "RECOLLECT_JOBS_MAX_ACTIVE";

    static final String RATE_LIMIT = "RECOLLECT_JOBS_RATE_LIMIT";
    static final String COMPLETED_RETENTION = "RECOLLECT_JOBS_RETENTION_COMPLETED";
    static final String FAILED_RETENTION = "RECOLLECT_JOBS_RETENTION_FAILED";
    static final String CANCELLED_RETENTION = "RECOLLECT_JOBS_RETENTION_CANCELLED";
    static final String LEASE = "RECOLLECT_JOBS_LEASE";
    static final String HEARTBEAT = "RECOLLECT_JOBS_HEARTBEAT";
    static final String MAX_ATTEMPTS = "RECOLLECT_JOBS_MAX_ATTEMPTS";
    static final String MAX_RESCUES = "RECOLLECT_JOBS_MAX_RESCUES";
    static final String CONCURRENCY = "RECOLLECT_JOBS_CONCURRENCY";
    static final String HOUSEKEEPING = "RECOLLECT_JOBS_HOUSEKEEPING_EVERY";

    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})(ms|s|m|h|d)");
    private static final Pattern RATE = Pattern.compile("(\\d{1,7})/(.+)");

    /** The defaults: the reference's job policy and rate limit, three attempts per call, a 30-second lease. */
    public static JobSettings defaults() {
        return from(Map.of(), Map.of());
    }

    /**
     * The settings under {@code env} and {@code options} (by option name, such as {@code --max-active}, only those
     * given).
     *
     * @throws CliException naming the setting, when a value is malformed or out of range
     */
    public static JobSettings from(Map<String, String> env, Map<String, String> options) {
        Reader read = new Reader(env, options);
        JobPolicy defaults = JobPolicy.DEFAULT;
        int maxActive = read.integer(
                "active jobs per learner", MAX_ACTIVE, "--max-active", defaults.maxActivePerUser(), 1, 10_000);
        Rate rate = read.rate("rate limit per learner and per IP", RATE_LIMIT, "--rate-limit");
        Duration completed = read.span(
                "retention of completed jobs",
                COMPLETED_RETENTION,
                "--retention-completed",
                defaults.retention(JobStatus.COMPLETED),
                false);
        Duration failed = read.span(
                "retention of failed jobs",
                FAILED_RETENTION,
                "--retention-failed",
                defaults.retention(JobStatus.FAILED),
                false);
        Duration cancelled = read.span(
                "retention of cancelled jobs",
                CANCELLED_RETENTION,
                "--retention-cancelled",
                defaults.retention(JobStatus.CANCELLED),
                false);
        Duration lease = read.span("lease", LEASE, "--lease", Duration.ofSeconds(30), false);
        Duration heartbeat = read.span("heartbeat", HEARTBEAT, "--heartbeat", lease.dividedBy(3), false);
        int attempts = read.integer(
                "attempts per LLM call", MAX_ATTEMPTS, "--max-attempts", RetryPolicy.DEFAULT.maxAttempts(), 1, 10);
        int rescues = read.integer("rescues per job", MAX_RESCUES, "--max-rescues", defaults.maxRescues(), 1, 1000);
        int concurrency = read.integer("worker concurrency", CONCURRENCY, "--concurrency", 1, 1, 16);
        Duration housekeeping =
                read.span("housekeeping interval", HOUSEKEEPING, "--housekeeping-every", Duration.ofMinutes(10), true);
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw read.invalid("--lease", LEASE, "must be at least 1s, got " + lease.toMillis() + "ms");
        }
        if (heartbeat.compareTo(lease) >= 0) {
            throw read.invalid("--heartbeat", HEARTBEAT, "must be shorter than the lease (" + show(lease) + ")");
        }
        try {
            JobPolicy policy = defaults.toBuilder()
                    .maxActivePerUser(maxActive)
                    .completedRetention(completed)
                    .failedRetention(failed)
                    .cancelledRetention(cancelled)
                    .maxRescues(rescues)
                    .build();
            RateLimitRule base = RateLimitRule.QUESTION_GENERATION;
            RateLimitRule limit =
                    rate == null ? base : new RateLimitRule(base.bucket(), rate.count(), rate.window(), base.message());
            RetryPolicy retry =
                    new RetryPolicy(attempts, RetryPolicy.DEFAULT.baseDelay(), RetryPolicy.DEFAULT.maxDelay());
            return new JobSettings(
                    policy, limit, retry, lease, heartbeat, concurrency, housekeeping, List.copyOf(read.described));
        } catch (DomainException | IllegalArgumentException e) {
            throw CliException.invalid("invalid job setting: " + e.getMessage());
        }
    }

    /** Every setting with its effective value and where it came from. */
    public List<Setting> describe() {
        return sources;
    }

    /** The worker's settings under {@code workerId}. */
    public Worker.Settings worker(String workerId) {
        Worker.Settings defaults = Worker.Settings.defaults(workerId);
        return new Worker.Settings(
                workerId, concurrency, lease, defaults.idlePoll(), defaults.gracePeriod(), heartbeat);
    }

    private record Rate(int count, Duration window) {}

    /** Reads values, option over variable over default, and records where each came from. */
    private static final class Reader {
        private final Map<String, String> env;
        private final Map<String, String> options;
        private final List<Setting> described = new ArrayList<>();

        Reader(Map<String, String> env, Map<String, String> options) {
            this.env = env;
            this.options = options;
        }

        int integer(String name, String variable, String option, int fallback, int min, int max) {
            String text = given(variable, option);
            int value = fallback;
            if (text != null) {
                try {
                    value = Integer.parseInt(text.strip());
                } catch (NumberFormatException e) {
                    throw invalid(option, variable, "must be a whole number, got \"" + text + "\"");
                }
                if (value < min || value > max) {
                    throw invalid(option, variable, "must be " + min + " to " + max + ", got " + value);
                }
            }
            record(name, variable, option, Integer.toString(value));
            return value;
        }

        Duration span(String name, String variable, String option, Duration fallback, boolean zeroAllowed) {
            String text = given(variable, option);
            Duration value = fallback;
            if (text != null) {
                value = parseSpan(text.strip(), zeroAllowed)
                        .orElseThrow(() -> invalid(
                                option,
                                variable,
                                "must be a " + (zeroAllowed ? "" : "positive ")
                                        + "number and a unit ms, s, m, h or d (like 30s or 7d)"
                                        + (zeroAllowed ? ", or 0 for never" : "") + ", got \"" + text + "\""));
            }
            record(name, variable, option, show(value));
            return value;
        }

        Rate rate(String name, String variable, String option) {
            String text = given(variable, option);
            RateLimitRule base = RateLimitRule.QUESTION_GENERATION;
            Rate value = null;
            if (text != null) {
                Matcher m = RATE.matcher(text.strip());
                Optional<Duration> window = m.matches() ? parseSpan(m.group(2), false) : Optional.empty();
                if (window.isEmpty() || Integer.parseInt(m.group(1)) < 1) {
                    throw invalid(option, variable, "must be a count per window such as 100/1h, got \"" + text + "\"");
                }
                value = new Rate(Integer.parseInt(m.group(1)), window.get());
            }
            record(
                    name,
                    variable,
                    option,
                    value == null
                            ? base.maxRequests() + "/" + show(base.window())
                            : value.count() + "/" + show(value.window()));
            return value;
        }

        private String given(String variable, String option) {
            String fromOption = options.get(option);
            if (fromOption != null) {
                return fromOption;
            }
            String fromEnv = env.get(variable);
            return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
        }

        private void record(String name, String variable, String option, String value) {
            String source = options.containsKey(option)
                    ? "option " + option
                    : env.get(variable) != null && !env.get(variable).isBlank() ? "env " + variable : "default";
            described.add(new Setting(name, variable, option, value, source));
        }

        CliException invalid(String option, String variable, String problem) {
            String setting = options.containsKey(option) ? option : variable;
            return CliException.invalid(setting + " " + problem);
        }
    }

    private static Optional<Duration> parseSpan(String text, boolean zeroAllowed) {
        if (zeroAllowed && (text.equals("0") || text.matches("0+(ms|s|m|h|d)"))) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = SPAN.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(
                switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
    }

    /** A duration as these settings write it: the largest whole unit. */
    static String show(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (millis % units[i] == 0) {
                return millis / units[i] + names[i];
            }
        }
        return millis + "ms";
    }
}
