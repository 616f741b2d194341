package dev.recollect.domain.review;

import dev.recollect.domain.InteractionId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Scheduler;
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

    /** A reviewer for the learner whose fitted weights are {@code learner}, with this one's other settings. */
    public Reviewer forLearner(LearnerParameters learner) {
        return new Reviewer(new Scheduler(learner.applyTo(scheduler.parameters())));
    }

    /** The scheduler in use. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * What {@code answer} to {@code target} at {@code now} writes. Every concept is created with an empty FSRS card,
     * which is what the reference's {@code initializeCard} makes for a question without one; the scheduler starts a
     * New card from the answer's time whatever its creation time. Any other card is repeated with its stored learning
     * step, which the reference never stored (its gap 12).
     */
    public RecordedReview record(ReviewTarget target, Answer answer, InteractionId interactionId, Instant now) {
        Concept before = target.concept();
        Card next = scheduler.next(before.card(), now, answer.rating()).card();
        Concept after = before.withCard(next, now);
        Interaction interaction = new Interaction(
                interactionId,
                before.userId(),
                before.id(),
                target.phrasing().id(),
                answer.userAnswer(),
                answer.correct(),
                answer.rating(),
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
