package dev.recollect.cli.fsrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.fsrs.optimizer.Revlog;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import dev.recollect.domain.fsrs.optimizer.TrainingReview;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads review histories for {@code fsrs optimize} and {@code fsrs evaluate}: an Anki-style revlog CSV
 * ({@code card_id,review_time,review_rating,review_state,review_duration}, times in epoch milliseconds, the header
 * naming the columns in any order, extra columns ignored), or JSON histories on stdin (an array of cards, each an
 * array of {@code {"rating": 1-4, "delta_t": days}}). Anything it cannot use is refused naming the line or the card.
 */
final class ReviewHistories {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS =
            List.of("card_id", "review_time", "review_rating", "review_state", "review_duration");

    private ReviewHistories() {}

    /** The items of the revlog at {@code path}, days counted in {@code zone} from {@code nextDayStartsAt}. */
    static List<TrainingItem> fromCsv(Path path, ZoneId zone, int nextDayStartsAt)
            throws IOException, InvalidInputException {
        List<Revlog.Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                throw new InvalidInputException(
                        path.toString(),
                        "the file is empty; expected a header line naming " + String.join(",", COLUMNS));
            }
            Map<String, Integer> at = columns(header.replace("\uFEFF", ""));
            Map<String, long[]> lastTime = new HashMap<>();
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                rows.add(row(line, number, at, lastTime));
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path.toString(), "no such file");
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(path.toString(), "the file has a header but no reviews");
        }
        return Revlog.items(rows, zone, nextDayStartsAt);
    }

    private static Map<String, Integer> columns(String header) throws InvalidInputException {
        String[] names = header.split(",", -1);
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            at.put(unquote(names[i]).toLowerCase(java.util.Locale.ROOT), i);
        }
        for (String column : COLUMNS) {
            if (!at.containsKey(column)) {
                throw new InvalidInputException(
                        "line 1",
                        "the header lacks the column " + column + " (it needs " + String.join(",", COLUMNS) + ")");
            }
        }
        return at;
    }

    private static Revlog.Row row(String line, int number, Map<String, Integer> at, Map<String, long[]> lastTime)
            throws InvalidInputException {
        String where = "line " + number;
        String[] fields = line.split(",", -1);
        String card = field(fields, at, "card_id", where);
        long time = number(field(fields, at, "review_time", where), "review_time", where);
        long rating = number(field(fields, at, "review_rating", where), "review_rating", where);
        long state = number(field(fields, at, "review_state", where), "review_state", where);
        number(field(fields, at, "review_duration", where), "review_duration", where);
        if (rating < 1 || rating > 4) {
            throw new InvalidInputException(
                    where,
                    "review_rating must be 1 to 4, got " + rating
                            + " (drop manual and rescheduled rows before training)");
        }
        if (card.isEmpty()) {
            throw new InvalidInputException(where, "card_id is empty");
        }
        long[] previous = lastTime.computeIfAbsent(card, k -> new long[] {Long.MIN_VALUE});
        if (time < previous[0]) {
            throw new InvalidInputException(
                    where,
                    "card " + card + " was reviewed at " + time + ", before its previous row (" + previous[0]
                            + "): a card's reviews must be in time order");
        }
        previous[0] = time;
        return new Revlog.Row(card, time, (int) rating, (int) state);
    }

    private static String field(String[] fields, Map<String, Integer> at, String column, String where)
            throws InvalidInputException {
        int index = at.get(column);
        if (index >= fields.length) {
            throw new InvalidInputException(where, "the row has no " + column + " (" + fields.length + " fields)");
        }
        return unquote(fields[index]);
    }

    private static long number(String text, String column, String where) throws InvalidInputException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where, column + " must be a whole number, got \"" + text + "\"");
        }
    }

    private static String unquote(String text) {
        String trimmed = text.strip();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed;
    }

    /** The items of the JSON histories on {@code stdin}: every review a day or more after the one before is a target. */
    static List<TrainingItem> fromJson(InputStream stdin) throws IOException, InvalidInputException {
        JsonNode cards;
        try {
            cards = JSON.readTree(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("stdin", "not valid JSON: " + e.getOriginalMessage());
        }
        if (cards == null || cards.isMissingNode() || !cards.isArray() || cards.isEmpty()) {
            throw new InvalidInputException(
                    "stdin", "expected a non-empty array of cards, each an array of {\"rating\", \"delta_t\"}");
        }
        List<TrainingItem> items = new ArrayList<>();
        for (int c = 0; c < cards.size(); c++) {
            JsonNode card = cards.get(c);
            String where = "[" + c + "]";
            if (!card.isArray() || card.isEmpty()) {
                throw new InvalidInputException(where, "a card is a non-empty array of reviews");
            }
            List<TrainingReview> history = new ArrayList<>();
            for (int r = 0; r < card.size(); r++) {
                JsonNode review = card.get(r);
                String at = where + "[" + r + "]";
                int rating = whole(review, "rating", at);
                int days = whole(review, "delta_t", at);
                if (rating < 1 || rating > 4) {
                    throw new InvalidInputException(at, "rating must be 1 to 4, got " + rating);
                }
                if (days < 0 || (r == 0 && days != 0)) {
                    throw new InvalidInputException(
                            at, "delta_t must be 0 for a card's first review and 0 or more after, got " + days);
                }
                history.add(new TrainingReview(rating, days));
            }
            items.addAll(TrainingItem.targetsOf(history));
        }
        return items;
    }

    private static int whole(JsonNode review, String field, String at) throws InvalidInputException {
        JsonNode value = review == null ? null : review.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidInputException(at, field + " must be a whole number");
        }
        return value.intValue();
    }
}
