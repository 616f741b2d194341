package dev.recollect.cli.migrate;

import dev.recollect.cli.support.CliException;
import dev.recollect.domain.migration.RunScope;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** The options that limit a run to part of its table: keys, and creation times as the reference's backfills did. */
final class ScopeOptions {
    @Option(names = "--from-key", paramLabel = "KEY", description = "The first key to migrate (inclusive).")
    String fromKey;

    @Option(names = "--to-key", paramLabel = "KEY", description = "The last key to migrate (inclusive).")
    String toKey;

    @Option(
            names = "--created-from",
            paramLabel = "TIME",
            description =
                    "Only documents created (_creationTime) at or after TIME: an instant, a date or a month, in UTC.")
    String createdFrom;

    @Option(
            names = "--created-to",
            paramLabel = "TIME",
            description =
                    "Only documents created before TIME (exclusive), as --created-from; 2024-01 to 2024-02 is January.")
    String createdTo;

    /** The scope the options name; a bad bound is an invalid-input error naming its option. */
    RunScope scope() {
        key("--from-key", fromKey);
        key("--to-key", toKey);
        Instant from = time("--created-from", createdFrom);
        Instant to = time("--created-to", createdTo);
        if (fromKey != null && toKey != null && RunScope.compareKeys(fromKey, toKey) > 0) {
            throw CliException.invalid("--from-key " + fromKey + " is after --to-key " + toKey);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw CliException.invalid("--created-from " + createdFrom + " must be before --created-to " + createdTo);
        }
        return new RunScope(fromKey, toKey, from, to);
    }

    private static void key(String option, String key) {
        if (key != null && (key.isEmpty() || key.length() > 512 || key.indexOf('\0') >= 0)) {
            throw CliException.invalid(option + " must be 1 to 512 characters without NUL");
        }
    }

    /** An instant ({@code 2024-01-15T10:00:00Z}), a date ({@code 2024-01-15}) or a month ({@code 2024-01}), in UTC. */
    static Instant time(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                try {
                    return YearMonth.parse(text)
                            .atDay(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                } catch (DateTimeParseException notAMonth) {
                    throw CliException.invalid(option + " must be an instant (2024-01-15T10:00:00Z), a date"
                            + " (2024-01-15) or a month (2024-01), got " + text);
                }
            }
        }
    }
}
