package dev.recollect.cli.app;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.support.CliException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded database's settings: the home from {@code --home} or {@code RECOLLECT_HOME}, and two variables. A bad
 * value is refused with the variable's name.
 */
public final class EmbeddedSettings {
    /** Where the clusters of homes that the {@code postgres} account cannot enter live (as root). */
    public static final String DATA_ROOT = "RECOLLECT_DATA_ROOT";
    /** How long the shared server runs on after its last user leaves, such as {@code 15s}; {@code 0s} for no grace. */
    public static final String IDLE_GRACE = "RECOLLECT_DB_IDLE";

    private static final Pattern SPAN = Pattern.compile("(\\d{1,5})(s|m)");

    private EmbeddedSettings() {}

    /** The settings of {@code home} under {@code env}. */
    public static SharedPostgres.Settings of(Path home, Map<String, String> env) {
        SharedPostgres.Settings settings = SharedPostgres.Settings.of(home);
        String root = env.get(DATA_ROOT);
        if (root != null && !root.isBlank()) {
            try {
                Path path = Path.of(root.strip());
                if (!path.isAbsolute()) {
                    throw CliException.invalid(DATA_ROOT + " must be an absolute path, got \"" + root + "\"");
                }
                settings = settings.withDataRoot(path);
            } catch (InvalidPathException e) {
                throw CliException.invalid(DATA_ROOT + " is not a path: \"" + root + "\"");
            }
        }
        String grace = env.get(IDLE_GRACE);
        if (grace != null && !grace.isBlank()) {
            settings = settings.withIdleGrace(grace(grace));
        }
        return settings;
    }

    private static Duration grace(String value) {
        Matcher m = SPAN.matcher(value.strip());
        if (!m.matches()) {
            throw CliException.invalid(
                    IDLE_GRACE + " must be a number of seconds or minutes such as 15s or 2m, got \"" + value + "\"");
        }
        long n = Long.parseLong(m.group(1));
        Duration duration = m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
        if (duration.compareTo(Duration.ofDays(1)) > 0) {
            throw CliException.invalid(IDLE_GRACE + " must be at most a day, got \"" + value + "\"");
        }
        return duration;
    }
}
