package dev.recollect.domain.fsrs;

import dev.recollect.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * FSRS-6 scheduling with the numbers of ts-fsrs 5.4.x, for both its short-term ({@code BasicScheduler}) and
 * long-term ({@code LongTermScheduler}) modes.
 *
 * <p>Immutable and thread-safe: one instance serves every card scheduled with the same {@link Parameters}. Times are
 * used at millisecond precision; finer parts of an {@link Instant} are dropped, as a JavaScript date would.
 */
public final class Scheduler {
    static final long DAY_MS = 86_400_000L;

    private final Parameters parameters;
    private final MemoryModel model;

    /** A scheduler for {@code parameters}. */
    public Scheduler(Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.model = new MemoryModel(parameters);
    }

    /** The parameters this scheduler applies. */
    public Parameters parameters() {
        return parameters;
    }

    /**
     * Reviews {@code card} at {@code now} with {@code rating}; equal to {@code repeat(card, now).of(rating)}.
     *
     * @throws DomainException for {@link Rating#MANUAL}, or a review dated on a UTC day before the last review
     */
    public ReviewResult next(Card card, Instant now, Rating rating) {
        if (rating == Rating.MANUAL) {
            throw new DomainException("a review needs a rating from Again to Easy, not Manual");
        }
        return new ReviewSession(parameters, model, card, millis(now)).outcome(rating.grade());
    }

    /** All four outcomes of reviewing {@code card} at {@code now}, sharing one fuzz draw. */
    public Preview repeat(Card card, Instant now) {
        ReviewSession session = new ReviewSession(parameters, model, card, millis(now));
        return new Preview(session.outcome(1), session.outcome(2), session.outcome(3), session.outcome(4));
    }

    /**
     * The probability that {@code card} is recalled at {@code now}: 0 for a new card, otherwise the forgetting curve
     * after the whole 24-hour days since its last review (not calendar days, unlike scheduling).
     */
    public double retrievability(Card card, Instant now) {
        if (card.state() == State.NEW) {
            return 0;
        }
        long elapsed = card.lastReview() == null
                ? 0
                : Math.max(
                        Math.floorDiv(
                                millis(now).toEpochMilli() - card.lastReview().toEpochMilli(), DAY_MS),
                        0);
        return model.forgettingCurve(elapsed, JsNumbers.toFixed8(card.stability()));
    }

    /**
     * Makes {@code card} new again at {@code now}, keeping its last review and, unless {@code resetCount}, its reps
     * and lapses; the log has rating {@link Rating#MANUAL}.
     */
    public ReviewResult forget(Card card, Instant now, boolean resetCount) {
        Instant at = millis(now);
        int scheduledDays = card.state() == State.NEW ? 0 : daysBetween(card.due(), at);
        ReviewLog log = new ReviewLog(
                Rating.MANUAL,
                card.state(),
                card.due(),
                card.stability(),
                card.difficulty(),
                0,
                card.elapsedDays(),
                scheduledDays,
                card.learningSteps(),
                at);
        Card forgotten = new Card(
                at,
                0,
                0,
                0,
                0,
                0,
                resetCount ? 0 : card.reps(),
                resetCount ? 0 : card.lapses(),
                State.NEW,
                card.lastReview());
        return new ReviewResult(forgotten, log);
    }

    /**
     * The card as it was before the review that {@code log} records, as ts-fsrs rebuilds it: memory, interval, step
     * and state come from the log; the due date becomes the review's time (its original due date is not in the log),
     * except for a card that was new.
     *
     * @throws DomainException for a log of a manual change
     */
    public Card rollback(Card card, ReviewLog log) {
        if (log.rating() == Rating.MANUAL) {
            throw new DomainException("a manual change cannot be rolled back");
        }
        boolean wasNew = log.state() == State.NEW;
        int lapses = wasNew ? 0 : card.lapses() - (log.rating() == Rating.AGAIN && log.state() == State.REVIEW ? 1 : 0);
        return new Card(
                wasNew ? log.due() : log.review(),
                log.stability(),
                log.difficulty(),
                log.lastElapsedDays(),
                log.scheduledDays(),
                log.learningSteps(),
                Math.max(0, card.reps() - 1),
                Math.max(0, lapses),
                log.state(),
                wasNew ? null : log.due());
    }

    /**
     * Replays a review history from a new card due at {@code firstDue}, as ts-fsrs's {@code reschedule} with its
     * default options (manual entries skipped), and works out the manual change that would move {@code current} to
     * where the replay ends.
     *
     * @param current the card as it is now
     * @param history the reviews, in the order they happened; manual ratings are skipped
     * @param firstDue the due date of the card the replay starts from
     * @param now when the manual change is made
     * @param updateMemoryState whether the manual change also takes the replay's stability and difficulty
     */
    public Rescheduled reschedule(
            Card current, List<Review> history, Instant firstDue, Instant now, boolean updateMemoryState) {
        List<ReviewResult> replay = new ArrayList<>(history.size());
        Card card = Card.empty(firstDue);
        for (Review review : history) {
            if (review.rating() != Rating.MANUAL) {
                ReviewResult result = next(card, review.at(), review.rating());
                replay.add(result);
                card = result.card();
            }
        }
        Optional<ReviewResult> change = replay.isEmpty()
                ? Optional.empty()
                : manualChange(current, millis(now), replay.get(replay.size() - 1), updateMemoryState);
        return new Rescheduled(List.copyOf(replay), change);
    }

    private static Optional<ReviewResult> manualChange(
            Card current, Instant now, ReviewResult target, boolean updateMemoryState) {
        Card replayed = target.card();
        if (current.due().toEpochMilli() == replayed.due().toEpochMilli()) {
            return Optional.empty();
        }
        int currentScheduled = daysBetween(current.due(), replayed.due());
        int elapsed = target.log().elapsedDays();
        // A replay of reviews never ends New, so ts-fsrs's branch for a manual change to New does not arise here.
        ReviewLog log = new ReviewLog(
                Rating.MANUAL,
                current.state(),
                current.lastReview() != null ? current.lastReview() : current.due(),
                current.stability(),
                current.difficulty(),
                elapsed,
                current.elapsedDays(),
                currentScheduled,
                current.learningSteps(),
                now);
        // A reviewed card has a non-zero memory state, so ts-fsrs's "|| current" fallback never applies.
        double stability = updateMemoryState ? replayed.stability() : current.stability();
        double difficulty = updateMemoryState ? replayed.difficulty() : current.difficulty();
        Card moved = new Card(
                replayed.due(),
                stability,
                difficulty,
                elapsed,
                daysBetween(now, replayed.due()),
                current.learningSteps(),
                current.reps() + 1,
                current.lapses(),
                replayed.state(),
                now);
        return Optional.of(new ReviewResult(moved, log));
    }

    /** Whole 24-hour days from {@code from} to {@code to}, rounded down (ts-fsrs's {@code date_diff}). */
    static int daysBetween(Instant from, Instant to) {
        return (int) Math.floorDiv(to.toEpochMilli() - from.toEpochMilli(), DAY_MS);
    }

    /** {@code instant} at millisecond precision, the precision of a JavaScript date. */
    static Instant millis(Instant instant) {
        return Objects.requireNonNull(instant, "now").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * One review in a history given to {@link #reschedule}.
     *
     * @param rating the rating given
     * @param at when it was given
     */
    public record Review(Rating rating, Instant at) {
        /** Both fields are required. */
        public Review {
            Objects.requireNonNull(rating, "rating");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * What {@link #reschedule} found.
     *
     * @param replay the outcome of each replayed review, in order
     * @param manualChange the manual change that moves the current card to the replay's schedule, if it differs
     */
    public record Rescheduled(List<ReviewResult> replay, Optional<ReviewResult> manualChange) {}
}
