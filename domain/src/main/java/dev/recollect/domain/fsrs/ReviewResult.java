package dev.recollect.domain.fsrs;

/**
 * The card after a review, with the log of what it was before.
 *
 * @param card the rescheduled card
 * @param log the card before the review
 */
public record ReviewResult(Card card, ReviewLog log) {}
