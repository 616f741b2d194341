package dev.recollect.domain.fsrs;

import java.time.Instant;

/**
 * What a card was just before a review (or a manual change), from which {@link Scheduler#rollback} rebuilds it.
 *
 * @param rating the rating given; {@link Rating#MANUAL} for forget and reschedule
 * @param state the state before the review
 * @param due the previous last review or, for a card never reviewed, its due date
 * @param stability the stability before the review
 * @param difficulty the difficulty before the review
 * @param elapsedDays UTC calendar days since the previous review
 * @param lastElapsedDays the card's previous {@code elapsedDays}
 * @param scheduledDays the interval before the review
 * @param learningSteps the learning step before the review
 * @param review when the review happened
 */
public record ReviewLog(
        Rating rating,
        State state,
        Instant due,
        double stability,
        double difficulty,
        int elapsedDays,
        int lastElapsedDays,
        int scheduledDays,
        int learningSteps,
        Instant review) {}
