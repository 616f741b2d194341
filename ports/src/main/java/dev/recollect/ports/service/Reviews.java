package dev.recollect.ports.service;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.InteractionId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Answer;
import dev.recollect.domain.review.Interaction;
import dev.recollect.domain.review.Judgement;
import dev.recollect.domain.review.RankedConcept;
import dev.recollect.domain.review.RecordedReview;
import dev.recollect.domain.review.ReviewQueue;
import dev.recollect.domain.review.Reviewer;
import dev.recollect.domain.stats.Reconciliation;
import dev.recollect.domain.stats.StatsSnapshot;
import dev.recollect.ports.in.ChangeLifecycle;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.GetStats;
import dev.recollect.ports.in.ReconcileStats;
import dev.recollect.ports.in.RecordInteraction;
import dev.recollect.ports.out.ConceptStore;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.LearnerParameterStore;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.out.PhrasingStore;
import dev.recollect.ports.out.ReviewStore;
import dev.recollect.ports.out.UserStatsStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/** The review use cases: answer, pick the next review, read and reconcile the counters, and soft delete. */
public final class Reviews implements RecordInteraction, GetNextReview, GetStats, ReconcileStats, ChangeLifecycle {
    /** How many past answers the review screen shows. */
    public static final int RECENT_INTERACTIONS = 10;

    private final ConceptStore concepts;
    private final PhrasingStore phrasings;
    private final ReviewStore reviews;
    private final UserStatsStore stats;
    private final LearnerParameterStore learners;
    private final Reviewer reviewer;
    private final IdGenerator ids;
    private final Clock clock;
    private final RandomGenerator random;
    private final Metrics metrics;

    /**
     * Review services over the stores, recording no metrics.
     *
     * @param learners the weights fitted to learners; theirs schedule their answers in place of the deployment's
     * @param reviewer decides what answers change, with the deployment's FSRS settings
     * @param random shuffles the queue's most urgent tier; pass a seeded one to replay queues exactly
     */
    public Reviews(
            ConceptStore concepts,
            PhrasingStore phrasings,
            ReviewStore reviews,
            UserStatsStore stats,
            LearnerParameterStore learners,
            Reviewer reviewer,
            IdGenerator ids,
            Clock clock,
            RandomGenerator random) {
        this(concepts, phrasings, reviews, stats, learners, reviewer, ids, clock, random, Metrics.NONE);
    }

    /** Review services that also count recorded answers into {@code metrics}. */
    public Reviews(
            ConceptStore concepts,
            PhrasingStore phrasings,
            ReviewStore reviews,
            UserStatsStore stats,
            LearnerParameterStore learners,
            Reviewer reviewer,
            IdGenerator ids,
            Clock clock,
            RandomGenerator random,
            Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.concepts = Objects.requireNonNull(concepts, "concepts");
        this.phrasings = Objects.requireNonNull(phrasings, "phrasings");
        this.reviews = Objects.requireNonNull(reviews, "reviews");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.learners = Objects.requireNonNull(learners, "learners");
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public RecordInteraction.Result record(RecordInteraction.Command command) {
        CommandValidator.valid(command);
        UserId user = CommandValidator.userId(command.userId());
        ConceptId conceptId = CommandValidator.conceptId(command.conceptId());
        PhrasingId phrasingId = CommandValidator.phrasingId(command.phrasingId());
        Rating rating = command.rating() == null ? null : Rating.ofGrade(command.rating());
        // Checked before the store is reached; the judged answer and its correctness replace these placeholders.
        CommandValidator.parsed(
                () -> new Answer(command.answer(), false, rating, command.timeSpentMs(), command.sessionId()));
        InteractionId interactionId = new InteractionId(ids.next());
        Reviewer reviewer = reviewerFor(user);
        // The answer is judged against the phrasing as the store locked it, so that it is read once; an answer that
        // cannot be read writes nothing.
        AtomicReference<Judgement> judgement = new AtomicReference<>();
        Optional<RecordedReview> recorded = reviews.record(user, conceptId, phrasingId, command.sessionId(), target -> {
            Judgement judged = Judgement.of(target.phrasing(), command.answer());
            judgement.set(judged);
            return judged.fold(
                    read -> Optional.of(reviewer.record(
                            target,
                            new Answer(
                                    read.answer(), read.correct(), rating, command.timeSpentMs(), command.sessionId()),
                            interactionId,
                            // Read inside the store's lock, so that answers serialised on one concept are
                            // also in time order.
                            clock.instant())),
                    unreadable -> Optional.empty());
        });
        if (recorded.isEmpty()) {
            Judgement judged = judgement.get();
            return judged == null
                    ? new RecordInteraction.Result.NotFound()
                    : judged.fold(
                            read -> new RecordInteraction.Result.NotFound(),
                            unreadable -> new RecordInteraction.Result.InvalidAnswer(unreadable.reason()));
        }
        Interaction interaction = recorded.get().interaction();
        Phrasing phrasing = recorded.get().phrasing();
        metrics.reviewRecorded(interaction.correct());
        return new RecordInteraction.Result.Recorded(
                interaction.id(),
                interaction.userAnswer(),
                interaction.correct(),
                phrasing.correctAnswer(),
                phrasing.explanation(),
                interaction.nextReview(),
                interaction.scheduledDays(),
                interaction.fsrsState(),
                recorded.get().retrievability());
    }

    @Override
    public GetNextReview.Result next(GetNextReview.Query query) {
        CommandValidator.valid(query);
        UserId user = CommandValidator.userId(query.userId());
        Instant now = clock.instant();
        StatsSnapshot snapshot = snapshot(user, now);
        List<Concept> candidates = concepts.dueCandidates(user, now, ReviewQueue.CANDIDATES);
        if (candidates.isEmpty()) {
            candidates = concepts.newCandidates(user, ReviewQueue.CANDIDATES);
        }
        // The learner's own weights set their forgetting curve, and so which of their concepts is most urgent.
        ReviewQueue queue = new ReviewQueue(reviewerFor(user).scheduler());
        List<RankedConcept> ranked;
        synchronized (random) {
            ranked = queue.rank(candidates, now, random);
        }
        for (RankedConcept candidate : ranked) {
            Concept concept = candidate.concept();
            Optional<Phrasing> phrasing = ReviewQueue.choosePhrasing(concept, phrasings.findByConcept(concept.id()));
            if (phrasing.isPresent()) {
                List<Interaction> recent =
                        reviews.recentForPhrasing(phrasing.get().id(), RECENT_INTERACTIONS);
                return new GetNextReview.Result.Next(
                        concept, phrasing.get(), candidate.retrievability(), recent, snapshot);
            }
        }
        return new GetNextReview.Result.NothingDue(snapshot);
    }

    /**
     * The learner's reviewer: with their fitted weights if they saved some, else the deployment's. Read outside the
     * answer's transaction: weights saved while an answer is being recorded apply from the next answer.
     */
    private Reviewer reviewerFor(UserId user) {
        return learners.find(user).map(reviewer::forLearner).orElse(reviewer);
    }

    @Override
    public StatsSnapshot stats(GetStats.Query query) {
        CommandValidator.valid(query);
        return snapshot(CommandValidator.userId(query.userId()), clock.instant());
    }

    private StatsSnapshot snapshot(UserId user, Instant now) {
        return new StatsSnapshot(stats.get(user), concepts.dueSnapshot(user, now));
    }

    @Override
    public Reconciliation reconcile(ReconcileStats.Command command) {
        CommandValidator.valid(command);
        return stats.reconcile(CommandValidator.userId(command.userId()), clock.instant());
    }

    @Override
    public ChangeLifecycle.Result change(ChangeLifecycle.Command command) {
        CommandValidator.valid(command);
        UserId user = CommandValidator.userId(command.userId());
        Instant now = clock.instant();
        Optional<Boolean> active =
                switch (command.item()) {
                    case CONCEPT -> concepts.change(
                                    user, CommandValidator.conceptId(command.id()), command.change(), now)
                            .map(Concept::isActive);
                    case PHRASING -> phrasings
                            .change(user, CommandValidator.phrasingId(command.id()), command.change(), now)
                            .map(Phrasing::isActive);
                };
        return active.<ChangeLifecycle.Result>map(ChangeLifecycle.Result.Applied::new)
                .orElseGet(ChangeLifecycle.Result.NotFound::new);
    }
}
