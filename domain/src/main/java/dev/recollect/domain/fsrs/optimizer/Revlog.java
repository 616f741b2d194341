package dev.recollect.domain.fsrs.optimizer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Review logs to training items, as the binding's {@code convertCsvToFsrsItems} does: each card's history starts at
 * its last block of learning reviews (a reset and relearning start a fresh history), days are counted in the learner's
 * time zone with the day starting at a set hour, and every review a day or more after the one before becomes a target,
 * with the card's history before it. Items come out in the order their targets were reviewed.
 */
public final class Revlog {
    private static final long DAY_SECONDS = 86_400;

    private Revlog() {}

    /**
     * One review log row.
     *
     * @param cardId the card's id
     * @param reviewTimeMillis when it was reviewed, in epoch milliseconds
     * @param rating 1 (Again) to 4 (Easy)
     * @param state Anki's review state: 0 new, 1 learning, 2 review, 3 relearning (others are kept as reviews)
     */
    public record Row(String cardId, long reviewTimeMillis, int rating, int state) {
        /** Requires a card id and a rating of 1 to 4. */
        public Row {
            Objects.requireNonNull(cardId, "cardId");
            if (rating < 1 || rating > 4) {
                throw new OptimizerException("a rating must be 1 to 4, got " + rating);
            }
        }

        boolean learning() {
            return state == 0 || state == 1;
        }
    }

    /** The items {@code rows} give, days counted in {@code zone} from {@code nextDayStartsAt} o'clock. */
    public static List<TrainingItem> items(List<Row> rows, ZoneId zone, int nextDayStartsAt) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(zone, "zone");
        if (nextDayStartsAt < 0 || nextDayStartsAt > 23) {
            throw new OptimizerException("the next day starts at an hour from 0 to 23, got " + nextDayStartsAt);
        }
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::cardId).thenComparingLong(Row::reviewTimeMillis));
        List<Timed> items = new ArrayList<>();
        int start = 0;
        while (start < sorted.size()) {
            int end = start;
            while (end < sorted.size()
                    && sorted.get(end).cardId().equals(sorted.get(start).cardId())) {
                end++;
            }
            card(sorted.subList(start, end), zone, nextDayStartsAt, items);
            start = end;
        }
        items.sort(Comparator.comparingLong(Timed::at));
        return items.stream().map(Timed::item).toList();
    }

    /** An item and when its target was reviewed, for the final order. */
    private record Timed(TrainingItem item, long at) {}

    private static void card(List<Row> rows, ZoneId zone, int nextDayStartsAt, List<Timed> items) {
        int from = -1;
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).learning()) {
                from = i;
            } else if (from >= 0) {
                break;
            }
        }
        if (from < 0) {
            return;
        }
        List<TrainingReview> history = new ArrayList<>();
        List<Long> targetTimes = new ArrayList<>();
        long previousDay = 0;
        for (int i = from; i < rows.size(); i++) {
            Row row = rows.get(i);
            long day = day(row.reviewTimeMillis(), zone, nextDayStartsAt);
            int delta = i == from ? 0 : (int) Math.max(0, day - previousDay);
            previousDay = day;
            history.add(new TrainingReview(row.rating(), delta));
            if (delta > 0) {
                targetTimes.add(row.reviewTimeMillis());
            }
        }
        List<TrainingItem> targets = TrainingItem.targetsOf(history);
        for (int k = 0; k < targets.size(); k++) {
            items.add(new Timed(targets.get(k), targetTimes.get(k)));
        }
    }

    /** The day number of a review: its local time shifted back by the hour the day starts, in whole days. */
    static long day(long millis, ZoneId zone, int nextDayStartsAt) {
        long seconds = Math.floorDiv(millis, 1000);
        long offsetMinutes =
                zone.getRules().getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds() / 60;
        return Math.floorDiv(seconds + 60 * offsetMinutes - 3600L * nextDayStartsAt, DAY_SECONDS);
    }
}
