package dev.recollect.cli.support;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A span of time as options take it: a positive number and a unit, such as {@code 90s}, {@code 30m} or {@code 7d}.
 * Options of this type are converted when the command line is parsed, so a malformed one is exit 2 before the command
 * does anything.
 *
 * @param text what was given, for people
 * @param duration what it means
 */
public record Span(String text, Duration duration) {
    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})([smhd])");

    /** Converts an option's value; picocli names the option in the error. */
    public static final class Converter implements ITypeConverter<Span> {
        @Override
        public Span convert(String value) {
            Matcher m = SPAN.matcher(value.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new TypeConversionException(
                        "must be a positive number and a unit s, m, h or d (like 24h), got " + value);
            }
            long n = Long.parseLong(m.group(1));
            Duration duration =
                    switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
            return new Span(value.strip(), duration);
        }
    }
}
