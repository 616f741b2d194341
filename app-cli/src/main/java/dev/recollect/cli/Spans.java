package dev.recollect.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spans of time as options take them: a positive number and a unit, such as {@code 90s}, {@code 30m} or {@code 7d}. */
public final class Spans {
    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})([smhd])");

    private Spans() {}

    /**
     * The span {@code text} means.
     *
     * @param option the option that gave it, named in the error
     * @throws CliException (exit 2) when the text is not a positive number and a unit s, m, h or d
     */
    public static Duration parse(String text, String option) {
        Matcher m = SPAN.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw CliException.invalid(
                    option + " must be a positive number and a unit s, m, h or d (like 24h), got " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
