package dev.recollect.domain.fsrs;

import dev.recollect.domain.DomainException;
import java.time.Instant;

/**
 * One review of one card at one time: ts-fsrs's {@code AbstractScheduler} with its {@code BasicScheduler} and
 * {@code LongTermScheduler} subclasses folded together. It computes only what the outcome asked for needs; where
 * ts-fsrs computes the four outcomes of a Review card together, the result is the same because an outcome depends
 * only on the ratings below it.
 */
final class ReviewSession {
    private final Parameters parameters;
    private final MemoryModel model;
    private final Card card;
    private final Instant reviewTime;
    private final long reviewMs;
    private final int elapsedDays;
    private final int reps;
    private final boolean shortTerm;
    private final double retrievability;
    private final double fuzzDraw;

    ReviewSession(Parameters parameters, MemoryModel model, Card card, Instant now) {
        this.parameters = parameters;
        this.model = model;
        this.card = card;
        this.reviewTime = now;
        this.reviewMs = now.toEpochMilli();
        this.shortTerm = parameters.enableShortTerm();
        int elapsed = 0;
        if (card.state() != State.NEW && card.lastReview() != null) {
            elapsed = (int) (Math.floorDiv(reviewMs, Scheduler.DAY_MS)
                    - Math.floorDiv(card.lastReview().toEpochMilli(), Scheduler.DAY_MS));
            if (elapsed < 0) {
                throw new DomainException("a review at " + now + " is on a UTC day before the card's last review at "
                        + card.lastReview());
            }
        }
        this.elapsedDays = elapsed;
        this.reps = card.reps() + 1;
        // Every memory update of one review uses the retrievability at its elapsed days, as ts-fsrs does.
        this.retrievability = model.forgettingCurve(elapsed, card.stability());
        this.fuzzDraw = parameters.enableFuzz() ? fuzzDraw(now.toEpochMilli()) : Double.NaN;
    }

    ReviewResult outcome(int grade) {
        if (!shortTerm) {
            return longTerm(grade);
        }
        return card.state() == State.REVIEW ? reviewWithSteps(grade) : learnWithSteps(grade);
    }

    // --- short-term mode (BasicScheduler) ---

    private ReviewResult learnWithSteps(int grade) {
        Draft next = draft(grade);
        State toState = card.state() == State.NEW ? State.LEARNING : card.state();
        applyLearningSteps(next, grade, toState);
        return next.result(grade, card.scheduledDays());
    }

    private ReviewResult reviewWithSteps(int grade) {
        if (grade == 1) {
            Draft again = draft(1);
            applyLearningSteps(again, 1, State.RELEARNING);
            again.lapses++;
            return again.result(1, card.scheduledDays());
        }
        // Hard, Good and Easy are ordered: hard <= good < easy, applied after the maximum-interval cap.
        int hardInterval = interval(draft(2).stability);
        int goodInterval = interval(draft(3).stability);
        hardInterval = Math.min(hardInterval, goodInterval);
        goodInterval = Math.max(goodInterval, hardInterval + 1);
        int chosen =
                switch (grade) {
                    case 2 -> hardInterval;
                    case 3 -> goodInterval;
                    default -> Math.max(interval(draft(4).stability), goodInterval + 1);
                };
        return graduated(draft(grade), chosen).result(grade, card.scheduledDays());
    }

    private void applyLearningSteps(Draft next, int grade, State toState) {
        long step = LearningSteps.lookup(parameters, card.state(), card.learningSteps(), grade);
        long minutes = LearningSteps.minutes(step);
        if (minutes > 0 && minutes < 1440) {
            next.learningSteps = LearningSteps.nextStep(step);
            next.scheduledDays = 0;
            next.state = toState;
            next.dueMs = reviewMs + minutes * 60_000L;
        } else if (minutes >= 1440) {
            // A step of a day or more: ts-fsrs moves the card to Review yet keeps its step index.
            next.state = State.REVIEW;
            next.learningSteps = LearningSteps.nextStep(step);
            next.dueMs = reviewMs + minutes * 60_000L;
            next.scheduledDays = (int) (minutes / 1440);
        } else {
            next.state = State.REVIEW;
            next.learningSteps = 0;
            int days = interval(next.stability);
            next.scheduledDays = days;
            next.dueMs = reviewMs + days * Scheduler.DAY_MS;
        }
    }

    // --- long-term mode (LongTermScheduler) ---

    private ReviewResult longTerm(int grade) {
        boolean isNew = card.state() == State.NEW;
        // Again <= Hard < Good < Easy, each ordered after the cap; a rating needs only those up to it (Again: Hard).
        Draft again = draft(1);
        Draft next = draft(2);
        int againDays = interval(again.stability);
        int days = interval(next.stability);
        againDays = Math.min(againDays, days);
        days = Math.max(days, againDays + 1);
        if (grade == 1) {
            next = again;
            days = againDays;
        }
        for (int higher = 3; higher <= grade; higher++) {
            next = draft(higher);
            days = Math.max(interval(next.stability), days + 1);
        }
        next = graduated(next, days);
        if (grade == 1 && !isNew) {
            next.lapses++;
        }
        // ts-fsrs zeroes a new card's interval before it logs the card.
        return next.result(grade, isNew ? 0 : card.scheduledDays());
    }

    // --- shared ---

    private Draft graduated(Draft next, int days) {
        next.state = State.REVIEW;
        next.learningSteps = 0;
        next.scheduledDays = days;
        next.dueMs = reviewMs + days * Scheduler.DAY_MS;
        return next;
    }

    /** The card after {@code grade} with its new memory state, before its schedule is set. */
    private Draft draft(int grade) {
        Draft next = new Draft();
        double d = card.difficulty();
        double s = card.stability();
        if (d == 0 && s == 0) {
            next.difficulty = Parameters.clamp(model.initialDifficulty(grade), 1, 10);
            next.stability = model.initialStability(grade);
        } else {
            next.stability = model.nextStability(d, s, elapsedDays, grade, retrievability);
            next.difficulty = model.nextDifficulty(d, grade);
        }
        return next;
    }

    /** ts-fsrs's {@code next_interval}: the capped interval, fuzzed when fuzz is on and it is 3 days or more. */
    private int interval(double stability) {
        int days = model.interval(stability);
        // ts-fsrs fuzzes intervals of 2.5 days or more, that is of 3 whole days or more.
        if (!parameters.enableFuzz() || days <= 2) {
            return days;
        }
        return Fuzz.apply(days, elapsedDays, parameters.maximumInterval(), fuzzDraw);
    }

    /** Every fuzzed interval of one review uses the first number of one Alea generator seeded by the review. */
    private double fuzzDraw(long reviewMillis) {
        String seed = reviewMillis + "_" + reps + "_" + JsNumbers.toString(card.difficulty() * card.stability());
        return new Alea(seed).next();
    }

    /** The card being built for one outcome; starts as a copy of the reviewed card, as ts-fsrs's clone does. */
    private final class Draft {
        double stability;
        double difficulty;
        int elapsedDays = ReviewSession.this.elapsedDays;
        int scheduledDays;
        int learningSteps;
        int lapses = card.lapses();
        State state;
        long dueMs;

        ReviewResult result(int grade, int logScheduledDays) {
            Card next = new Card(
                    Instant.ofEpochMilli(dueMs),
                    stability,
                    difficulty,
                    elapsedDays,
                    scheduledDays,
                    learningSteps,
                    reps,
                    lapses,
                    state,
                    reviewTime);
            ReviewLog log = new ReviewLog(
                    Rating.ofGrade(grade),
                    card.state(),
                    card.lastReview() != null ? card.lastReview() : card.due(),
                    card.stability(),
                    card.difficulty(),
                    ReviewSession.this.elapsedDays,
                    card.elapsedDays(),
                    logScheduledDays,
                    card.learningSteps(),
                    reviewTime);
            return new ReviewResult(next, log);
        }
    }
}
