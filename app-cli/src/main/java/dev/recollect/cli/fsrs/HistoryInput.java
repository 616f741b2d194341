package dev.recollect.cli.fsrs;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where {@code fsrs optimize} and {@code fsrs evaluate} read review histories from, and how they count days (a
 * learner's days too, when {@code optimize} reads the database).
 */
final class HistoryInput {
    @Option(
            names = "--input",
            paramLabel = "CSV",
            description = "The revlog CSV; without it (or optimize's --user), JSON histories on stdin.")
    Path input;

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description = "The learner's time zone, for counting days (default: ${DEFAULT-VALUE}).")
    String timezone;

    @Option(
            names = "--next-day-starts-at",
            paramLabel = "HOUR",
            defaultValue = "4",
            description = "The hour a new day starts, 0-23 (default: ${DEFAULT-VALUE}).")
    int nextDayStartsAt;

    /** The items of the CSV given or, without one, of the JSON histories on {@code stdin}. */
    List<TrainingItem> read(InputStream stdin) throws IOException, InvalidInputException {
        ZoneId zone = zone();
        String source = input == null ? "stdin" : input.toString();
        List<TrainingItem> items;
        try {
            items = input == null
                    ? ReviewHistories.fromJson(stdin)
                    : ReviewHistories.fromCsv(input, zone, nextDayStartsAt);
        } catch (DomainException e) {
            throw new InvalidInputException(source, e.getMessage());
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(
                    source, "no review came a day or more after the one before it, so there is nothing to learn from");
        }
        return items;
    }

    /** The time zone that counts days, once the options that count them are checked. */
    ZoneId zone() throws InvalidInputException {
        if (nextDayStartsAt < 0 || nextDayStartsAt > 23) {
            throw new InvalidInputException("--next-day-starts-at", "an hour from 0 to 23, got " + nextDayStartsAt);
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("--timezone", "not a time zone: " + timezone);
        }
    }
}
