package dev.recollect.ports.service;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.fsrs.optimizer.Evaluation;
import dev.recollect.domain.fsrs.optimizer.Optimizer;
import dev.recollect.domain.fsrs.optimizer.Revlog;
import dev.recollect.domain.fsrs.optimizer.TrainingItem;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.review.LearnerParameters;
import dev.recollect.domain.review.PastReview;
import dev.recollect.domain.review.Reviewer;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.FitLearnerParameters;
import dev.recollect.ports.in.FitLearnerParameters.Saving;
import dev.recollect.ports.in.GetLearnerParameters;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.ResetLearnerParameters;
import dev.recollect.ports.testing.Fixtures;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.StudyingLearner;
import dev.recollect.ports.testing.StudyingLearner.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * A learner's own FSRS weights: fitted to the answers they recorded, saved only when they beat the weights in use,
 * read and reset, and scheduling that learner's answers (and no one else's) from then on.
 */
class LearnerFittingProperties {
    private static final Parameters DEPLOYMENT = Reviewer.referenceParameters();
    private static final int CONCEPTS = 100;

    private final InMemoryStores stores = new InMemoryStores();
    private final MutableClock clock = new MutableClock(T0);
    private final Reviews reviews = Fixtures.reviews(stores, clock, 7);
    private final LearnerFitting fitting =
            new LearnerFitting(stores.reviews(), stores.learnerParameters(), DEPLOYMENT, clock);

    @Provide
    Arbitrary<List<Answer>> histories() {
        // Up to hundreds of answers, so that every outcome of a fit comes up: nothing to learn, too few to train,
        // pretrained only, trained.
        return StudyingLearner.histories(CONCEPTS, 800);
    }

    private List<Concept> record(UserId learner, int concepts, List<Answer> history) {
        return StudyingLearner.study(stores, reviews, clock, learner, concepts, history);
    }

    private List<TrainingItem> itemsOf(UserId learner) {
        return Revlog.items(PastReview.revlog(stores.reviews().history(learner)), ZoneOffset.UTC, 4);
    }

    /**
     * For any history, the fit is the optimizer's on the learner's items, scored against the weights in use (the
     * deployment's, then after a save the learner's own); with {@code --save} the store holds the fit exactly when the
     * optimizer learnt something and it beats the weights in use, with the time, the count of answers and its figures;
     * without it nothing is saved.
     */
    @Property(tries = 40, seed = SeededProperty.SEED)
    void aFitIsSavedExactlyWhenItLearntAndBeatsTheWeightsInUse(
            @ForAll("histories") List<Answer> history,
            @ForAll boolean save,
            @ForAll boolean savedBefore,
            @ForAll("switches") Boolean shortTerm) {
        clock.set(T0);
        Statistics.coverage(coverage -> {
            for (String outcome : List.of("NOT_ASKED", "SAVED", "NOT_TRAINED", "NOT_BETTER", "NOTHING_TO_LEARN")) {
                coverage.check(outcome).count(n -> n > 0);
            }
        });
        UserId learner = Fixtures.newUser();
        record(learner, CONCEPTS, history);
        List<TrainingItem> items = itemsOf(learner);
        double[] inUse = DEPLOYMENT.w();
        if (savedBefore) {
            inUse = Optimizer.defaults().clone();
            inUse[0] = 1.5;
            stores.learnerParameters().save(new LearnerParameters(learner, inUse, T0, 3, new Evaluation(0.5, 0.1)));
        }
        Optional<LearnerParameters> previous = stores.learnerParameters().find(learner);

        FitLearnerParameters.Result result = fitting.fit(
                new FitLearnerParameters.Command(learner.value(), shortTerm, "UTC", 4, save), Optimizer.Monitor.NONE);

        Statistics.collect(result.<String>fold(f -> f.saving().name(), nothing -> "NOTHING_TO_LEARN"));
        if (items.isEmpty()) {
            assertThat(result).isEqualTo(new FitLearnerParameters.Result.NothingToLearn(history.size()));
            assertThat(stores.learnerParameters().find(learner)).isEqualTo(previous);
            return;
        }
        FitLearnerParameters.Result.Fitted fitted = result.fold(f -> f, nothing -> {
            throw new AssertionError("items were there: " + nothing);
        });
        // Short-term training as asked, else as the deployment schedules (on, in the reference's settings).
        Optimizer.Result direct = Optimizer.fit(
                items,
                Optimizer.Options.DEFAULT
                        .withShortTerm(shortTerm == null || shortTerm)
                        .withRelearningSteps(1),
                Optimizer.Monitor.NONE);
        assertThat(fitted.reviews()).isEqualTo(history.size());
        assertThat(fitted.items()).isEqualTo(items.size());
        assertThat(fitted.previous()).isEqualTo(previous);
        assertThat(fitted.fit().result().parameters()).containsExactly(direct.parameters());
        assertThat(fitted.fit().before()).isEqualTo(Evaluation.of(inUse, items));
        assertThat(fitted.fit().after()).isEqualTo(Evaluation.of(direct.parameters(), items));
        boolean learnt = direct.fold(trained -> true, few -> few.pretrained(), cancelled -> false);
        Saving expected = !save
                ? Saving.NOT_ASKED
                : !learnt
                        ? Saving.NOT_TRAINED
                        : fitted.fit().after().logLoss() < fitted.fit().before().logLoss()
                                ? Saving.SAVED
                                : Saving.NOT_BETTER;
        assertThat(fitted.saving()).isEqualTo(expected);
        assertThat(stores.learnerParameters().find(learner))
                .isEqualTo(
                        expected == Saving.SAVED
                                ? Optional.of(new LearnerParameters(
                                        learner,
                                        direct.parameters(),
                                        clock.instant(),
                                        history.size(),
                                        fitted.fit().after()))
                                : previous);
    }

    /**
     * Once a learner has weights of their own, each of their answers is scheduled as the scheduler with those weights
     * (and the deployment's other settings) schedules it, and another learner's answers at the same times with the
     * deployment's; each interaction keeps the rating FSRS received.
     */
    @Property(tries = 60, seed = SeededProperty.SEED)
    void aLearnersOwnWeightsScheduleTheirAnswersAndNoOneElses(
            @ForAll("histories") List<Answer> history, @ForAll("weights") double[] weights) {
        clock.set(T0);
        UserId learner = Fixtures.newUser();
        UserId other = Fixtures.newUser();
        LearnerParameters own = new LearnerParameters(learner, weights, T0, 100, new Evaluation(0.3, 0.02));
        stores.learnerParameters().save(own);
        List<Answer> oneConcept = history.stream()
                .map(a -> new Answer(0, a.daysLate(), a.rating()))
                .toList();

        Concept mine = record(learner, 1, oneConcept).get(0);
        Concept theirs = record(other, 1, oneConcept).get(0);

        List<PastReview> myPast = stores.reviews().history(learner).stream()
                .filter(p -> p.conceptId().equals(mine.id()))
                .toList();
        List<PastReview> theirPast = stores.reviews().history(other).stream()
                .filter(p -> p.conceptId().equals(theirs.id()))
                .toList();
        List<Rating> ratings =
                oneConcept.stream().map(a -> Rating.ofGrade(a.rating())).toList();
        assertThat(myPast).extracting(PastReview::rating).containsExactlyElementsOf(ratings);
        assertThat(theirPast).extracting(PastReview::rating).containsExactlyElementsOf(ratings);
        assertThat(stores.concepts().find(mine.id()).orElseThrow().card())
                .isEqualTo(replay(new Scheduler(own.applyTo(DEPLOYMENT)), mine.card(), myPast));
        assertThat(stores.concepts().find(theirs.id()).orElseThrow().card())
                .isEqualTo(replay(new Scheduler(DEPLOYMENT), theirs.card(), theirPast));
        if (!oneConcept.isEmpty()) {
            // After both concepts fall due, each is ranked by its learner's own curve.
            Instant mineDue =
                    stores.concepts().find(mine.id()).orElseThrow().card().due();
            Instant theirsDue =
                    stores.concepts().find(theirs.id()).orElseThrow().card().due();
            clock.set(Collections.max(List.of(mineDue, theirsDue)).plus(Duration.ofDays(1)));
            assertThat(nextRetrievability(learner, mine))
                    .isEqualTo(new Scheduler(own.applyTo(DEPLOYMENT))
                            .retrievability(
                                    stores.concepts()
                                            .find(mine.id())
                                            .orElseThrow()
                                            .card(),
                                    clock.instant()));
            assertThat(nextRetrievability(other, theirs))
                    .isEqualTo(new Scheduler(DEPLOYMENT)
                            .retrievability(
                                    stores.concepts()
                                            .find(theirs.id())
                                            .orElseThrow()
                                            .card(),
                                    clock.instant()));
            clock.set(T0);
        }
    }

    /** The retrievability the learner's next review is ranked by, which must be of {@code due}. */
    private double nextRetrievability(UserId learner, Concept due) {
        return reviews.next(new GetNextReview.Query(learner.value()))
                .fold(
                        next -> {
                            assertThat(next.concept().id()).isEqualTo(due.id());
                            return next.retrievability();
                        },
                        nothing -> {
                            throw new AssertionError("nothing due for " + learner);
                        });
    }

    @Provide
    Arbitrary<double[]> weights() {
        return Arbitraries.doubles()
                .between(0.5, 2)
                .array(double[].class)
                .ofSize(21)
                .map(factors -> {
                    double[] w = DEPLOYMENT.w();
                    for (int i = 0; i < 21; i++) {
                        w[i] *= factors[i];
                    }
                    return w;
                });
    }

    private static Card replay(Scheduler scheduler, Card card, List<PastReview> past) {
        Card now = card;
        for (PastReview review : past) {
            now = scheduler.next(now, review.attemptedAt(), review.rating()).card();
        }
        return now;
    }

    @Provide
    Arbitrary<Boolean> switches() {
        return Arbitraries.of(true, false).injectNull(0.4);
    }

    /** A fit stopped by its monitor learnt nothing, so nothing is saved however much there was to learn from. */
    @Example
    void aCancelledFitSavesNothing() {
        UserId learner = Fixtures.newUser();
        record(learner, CONCEPTS, StudyingLearner.history(5, CONCEPTS, 700));
        Optimizer.Monitor stop = new Optimizer.Monitor() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };

        FitLearnerParameters.Result result =
                fitting.fit(new FitLearnerParameters.Command(learner.value(), null, "UTC", 4, true), stop);

        assertThat(result.<Saving>fold(FitLearnerParameters.Result.Fitted::saving, nothing -> null))
                .isEqualTo(Saving.NOT_TRAINED);
        assertThat(stores.learnerParameters().find(learner)).isEmpty();
    }

    /** Weights are read back as saved, and a reset deletes them once, saying so. */
    @Example
    void savedWeightsAreReadAndResetOnce() {
        UserId learner = Fixtures.newUser();
        LearnerParameters own = new LearnerParameters(learner, DEPLOYMENT.w(), T0, 9, new Evaluation(0.4, 0.05));
        stores.learnerParameters().save(own);

        assertThat(fitting.get(new GetLearnerParameters.Query(learner.value()))).contains(own);
        assertThat(fitting.reset(new ResetLearnerParameters.Command(learner.value())))
                .isTrue();
        assertThat(fitting.get(new GetLearnerParameters.Query(learner.value()))).isEmpty();
        assertThat(fitting.reset(new ResetLearnerParameters.Command(learner.value())))
                .isFalse();
    }

    /** A zone that is none, an hour outside the day, or no learner is invalid input, named. */
    @Example
    void badCommandsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> fitting.fit(
                        new FitLearnerParameters.Command("ada", null, "Mars/Olympus", 4, false),
                        Optimizer.Monitor.NONE))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("timezone: not a time zone: Mars/Olympus");
        assertThatThrownBy(() -> fitting.fit(
                        new FitLearnerParameters.Command("ada", null, "UTC", 24, false), Optimizer.Monitor.NONE))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("nextDayStartsAt");
        assertThatThrownBy(() -> fitting.fit(
                        new FitLearnerParameters.Command(" ", null, "UTC", 4, false), Optimizer.Monitor.NONE))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> fitting.get(new GetLearnerParameters.Query("")))
                .isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> fitting.reset(new ResetLearnerParameters.Command(null)))
                .isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> fitting.get(null)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> fitting.reset(null)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> fitting.fit(null, Optimizer.Monitor.NONE)).isInstanceOf(InvalidCommandException.class);
    }
}
