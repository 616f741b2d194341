package dev.recollect.domain.review;

import dev.recollect.domain.InteractionId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.stats.StatsDelta;
import java.time.Instant;
import java.util.Objects;

/** Decides what an answer changes: the concept's FSRS card, the phrasing's counters, the record and the stats. */
public final class Reviewer {
    private final Scheduler scheduler;

    /** A reviewer scheduling with {@code scheduler}. */
    public Reviewer(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * The reference deployment's FSRS settings: ts-fsrs's defaults with a 365-day maximum interval and fuzz on
     * (retention 0.9, short-term scheduling on, learning steps 1m and 10m, relearning step 10m).
     */
    public static Parameters referenceParameters() {
        return Parameters.builder().maximumInterval(365).enableFuzz(true).build();
    }

    /** The scheduler in use. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * What {@code answer} to {@code target} at {@code now} writes. A concept never reviewed starts from an empty card
     * at {@code now} (the reference's {@code initializeCard}), so its first interval counts from the answer, not from
     * its creation; any other card is repeated with its stored learning step.
     */
    public RecordedReview record(ReviewTarget target, Answer answer, InteractionId interactionId, Instant now) {
        Concept before = target.concept();
        Card card = before.card().state() == State.NEW ? Card.empty(now) : before.card();
        Card next = scheduler.next(card, now, answer.rating()).card();
        Concept after = before.withCard(next, now);
        Interaction interaction = new Interaction(
                interactionId,
                before.userId(),
                before.id(),
                target.phrasing().id(),
                answer.userAnswer(),
                answer.correct(),
                now,
                answer.sessionId(),
                answer.timeSpentMs(),
                target.retry(),
                next.scheduledDays(),
                next.due(),
                next.state());
        return new RecordedReview(
                after,
                target.phrasing().answered(answer.correct(), now),
                interaction,
                StatsDelta.between(before, after),
                scheduler.retrievability(next, now));
    }
}
