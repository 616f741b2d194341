package dev.recollect.domain.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.InteractionId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.Rating;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** What an answer writes, checked against the scheduler it wraps and against the reference's outcome table. */
class ReviewerProperties {
    private static final Instant CREATED = Instant.parse("2026-01-05T08:00:00Z");
    private static final UserId USER = new UserId("learner");
    private static final ConceptId CONCEPT = new ConceptId(new UUID(1, 1));
    private static final Scheduler SCHEDULER = new Scheduler(Reviewer.referenceParameters());
    private static final Reviewer REVIEWER = new Reviewer(SCHEDULER);

    /** One answer: correct or not, an optional explicit rating, and the minutes since the previous one. */
    record Step(boolean correct, Rating explicit, long minutesLater) {}

    private static Concept concept() {
        return Concept.created(CONCEPT, USER, "Tides", null, null, CREATED);
    }

    private static Phrasing phrasing() {
        return phrasing(2, USER, CONCEPT);
    }

    /** A never-answered true/false phrasing, {@code n} in its id, of {@code owner}'s {@code concept}. */
    private static Phrasing phrasing(int n, UserId owner, ConceptId concept) {
        return new Phrasing(
                new PhrasingId(new UUID(2, n)),
                owner,
                concept,
                "Why tides?",
                null,
                PhrasingType.TRUE_FALSE,
                List.of("True", "False"),
                "True",
                0,
                0,
                null,
                null,
                CREATED,
                null,
                null);
    }

    private static Answer answer(boolean correct, Rating explicit) {
        return new Answer(correct ? "True" : "False", correct, explicit, 1200, "s1");
    }

    @SeededProperty
    void answersRescheduleExactlyAsTheSchedulerDoes(@ForAll("histories") List<Step> history) {
        Concept concept = concept();
        Phrasing phrasing = phrasing();
        Card expected = null;
        Instant at = CREATED;
        int correct = 0;
        for (int i = 0; i < history.size(); i++) {
            Step step = history.get(i);
            at = at.plus(Duration.ofMinutes(step.minutesLater()));
            Answer answer = answer(step.correct(), step.explicit());
            Rating rating = step.explicit() != null ? step.explicit() : step.correct() ? Rating.GOOD : Rating.AGAIN;
            expected = SCHEDULER
                    .next(expected == null ? Card.empty(at) : expected, at, rating)
                    .card();
            InteractionId id = new InteractionId(new UUID(3, i));

            RecordedReview recorded = REVIEWER.record(new ReviewTarget(concept, phrasing, i % 2 == 1), answer, id, at);

            assertThat(recorded.concept().card()).isEqualTo(expected);
            assertThat(recorded.concept().updatedAt()).isEqualTo(at);
            assertThat(recorded.statsDelta()).isEqualTo(StatsDelta.between(concept, recorded.concept()));
            assertThat(recorded.retrievability()).isEqualTo(SCHEDULER.retrievability(expected, at));
            correct += step.correct() ? 1 : 0;
            assertThat(recorded.phrasing().attemptCount()).isEqualTo(i + 1);
            assertThat(recorded.phrasing().correctCount()).isEqualTo(correct);
            assertThat(recorded.phrasing().lastAttemptedAt()).isEqualTo(at);
            Interaction interaction = recorded.interaction();
            assertThat(interaction.id()).isEqualTo(id);
            assertThat(interaction.context())
                    .isEqualTo(new Interaction.Context(
                            "s1", i % 2 == 1, expected.scheduledDays(), expected.due(), expected.state()));
            assertThat(interaction.nextReview()).isAfterOrEqualTo(at);
            assertThat(interaction.fsrsState()).isNotEqualTo(State.NEW);
            assertThat(interaction.correct()).isEqualTo(step.correct());
            assertThat(interaction.rating()).isEqualTo(rating);
            assertThat(interaction.past()).isEqualTo(new PastReview(CONCEPT, at, rating, expected.state()));
            assertThat(interaction.userAnswer()).isEqualTo(answer.userAnswer());
            assertThat(interaction.timeSpentMs()).isEqualTo(1200);
            assertThat(List.of(interaction.userId(), interaction.conceptId(), interaction.phrasingId()))
                    .containsExactly(USER, CONCEPT, phrasing.id());
            assertThat(expected.scheduledDays()).isBetween(0, 365);
            concept = recorded.concept();
            phrasing = recorded.phrasing();
        }
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Rating> explicit = Arbitraries.of(Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY)
                .injectNull(0.7);
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        explicit,
                        Arbitraries.longs().between(0, 60 * 24 * 90))
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(10);
    }

    /** The table in scry-behaviour §6, with the reference's settings. */
    /**
     * A never-reviewed concept starts from the answer, however long after its creation: the answer is its last
     * review and no days have elapsed.
     */
    @SeededProperty
    void aNeverReviewedConceptStartsFromTheAnswerNotFromItsCreation(
            @ForAll @LongRange(min = 0, max = 3650L * 1440) long minutesLater, @ForAll boolean correct) {
        Instant t = CREATED.plus(Duration.ofMinutes(minutesLater));
        Card card = record(concept(), correct, t).concept().card();
        assertThat(card.lastReview()).isEqualTo(t);
        assertThat(card.elapsedDays()).isZero();
    }

    /**
     * An answer's rating is the learner's when given, else Good when right and Again when wrong; Manual, a negative
     * time and a blank or over-long session are refused by name.
     */
    @SeededProperty
    void anAnswerChecksItsFields(
            @ForAll boolean correct,
            @ForAll("ratings") Rating rating,
            @ForAll @IntRange(min = -1000, max = -1) int negative,
            @ForAll @IntRange(min = 1, max = 200) int sessionLength) {
        Rating expected = rating != null ? rating : correct ? Rating.GOOD : Rating.AGAIN;
        assertThat(new Answer("x", correct, rating, 0, "s".repeat(sessionLength)).rating())
                .isEqualTo(expected);
        assertThatThrownBy(() -> new Answer(null, correct, rating, null, null))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("userAnswer");
        assertThatThrownBy(() -> new Answer("x", correct, Rating.MANUAL, null, null))
                .hasMessageContaining("rating");
        assertThatThrownBy(() -> new Answer("x", correct, rating, negative, null))
                .hasMessageContaining("timeSpentMs");
        assertThatThrownBy(() -> new Answer("x", correct, rating, null, " ".repeat(sessionLength)))
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> new Answer("x", correct, rating, null, "s".repeat(200 + sessionLength)))
                .hasMessageContaining("sessionId");
    }

    @Provide
    Arbitrary<Rating> ratings() {
        return Arbitraries.of(Rating.grades()).injectNull(0.3);
    }

    @Example
    void followsTheReferenceOutcomeTable() {
        Instant t = CREATED.plus(Duration.ofDays(3));
        Concept fresh = concept();
        RecordedReview right = record(fresh, true, t);
        assertThat(right.concept().card().state()).isEqualTo(State.LEARNING);
        assertThat(right.concept().card().due()).isEqualTo(t.plus(Duration.ofMinutes(10)));
        assertThat(right.concept().card().learningSteps()).isEqualTo(1);
        assertThat(right.statsDelta()).isEqualTo(new StatsDelta(0, -1, 1, 0));
        RecordedReview wrong = record(fresh, false, t);
        assertThat(wrong.concept().card().state()).isEqualTo(State.LEARNING);
        assertThat(wrong.concept().card().due()).isEqualTo(t.plus(Duration.ofMinutes(1)));

        Instant later = t.plus(Duration.ofMinutes(10));
        RecordedReview graduated = record(right.concept(), true, later);
        assertThat(graduated.concept().card().state()).isEqualTo(State.REVIEW);
        assertThat(graduated.concept().card().scheduledDays()).isPositive();
        assertThat(graduated.statsDelta()).isEqualTo(new StatsDelta(0, 0, -1, 1));

        Instant due = graduated.concept().card().due();
        RecordedReview lapsed = record(graduated.concept(), false, due);
        assertThat(lapsed.concept().card().state()).isEqualTo(State.RELEARNING);
        assertThat(lapsed.concept().card().due()).isEqualTo(due.plus(Duration.ofMinutes(10)));
        assertThat(lapsed.concept().card().lapses()).isEqualTo(1);
        assertThat(lapsed.statsDelta()).isEqualTo(new StatsDelta(0, 0, 1, -1));
        assertThat(record(lapsed.concept(), true, due.plus(Duration.ofMinutes(10)))
                        .concept()
                        .card()
                        .state())
                .isEqualTo(State.REVIEW);
    }

    @Example
    void theReferenceSettingsAreTsFsrsDefaultsWithFuzzAndAYearCap() {
        assertThat(Reviewer.referenceParameters().maximumInterval()).isEqualTo(365);
        assertThat(Reviewer.referenceParameters().enableFuzz()).isTrue();
        assertThat(Reviewer.referenceParameters().enableShortTerm()).isTrue();
        assertThat(Reviewer.referenceParameters().requestRetention()).isEqualTo(0.9);
        assertThat(REVIEWER.scheduler()).isSameAs(SCHEDULER);
    }

    @Example
    void aTargetIsAPhrasingOfItsConcept() {
        Phrasing other = phrasing(3, USER, new ConceptId(new UUID(1, 2)));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReviewTarget(concept(), other, false));
        Phrasing foreign = phrasing(4, new UserId("other"), CONCEPT);
        assertThatIllegalArgumentException().isThrownBy(() -> new ReviewTarget(concept(), foreign, false));
    }

    private static RecordedReview record(Concept concept, boolean correct, Instant at) {
        return REVIEWER.record(
                new ReviewTarget(concept, phrasing(), false),
                answer(correct, null),
                new InteractionId(new UUID(3, 0)),
                at);
    }
}
