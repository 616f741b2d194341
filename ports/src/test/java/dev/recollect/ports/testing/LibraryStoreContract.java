package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.UserStats;
import dev.recollect.ports.out.Persistence;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@code ConceptStore}, {@code PhrasingStore} and {@code UserStatsStore} must do, together. */
public interface LibraryStoreContract {
    /** The stores under test. */
    Persistence stores();

    @Test
    default void conceptsReadBackAndCountTowardTheirUsersStats() {
        UserId user = Fixtures.newUser();
        JobId job = new JobId(UUID.randomUUID());
        Concept a = Fixtures.concept(user, "Chlorophyll", job, T0);
        Concept b = Fixtures.concept(user, "Calvin cycle", job, T0.plusSeconds(1));
        stores().concepts().insertAll(List.of(a, b), StatsDelta.conceptsCreated(2), T0);
        assertThat(stores().concepts().find(a.id())).contains(a);
        assertThat(stores().concepts().findByJob(job)).containsExactly(a, b);
        assertThat(stores().concepts().findByJob(new JobId(UUID.randomUUID()))).isEmpty();
        assertThat(stores().concepts().find(new ConceptId(UUID.randomUUID()))).isEmpty();
        UserStats stats = stores().userStats().get(user);
        assertThat(stats.totalCards()).isEqualTo(2);
        assertThat(stats.newCount()).isEqualTo(2);
        assertThat(stores().concepts().dueSnapshot(user, T0.plusSeconds(1)).dueNowCount())
                .isEqualTo(2);
    }

    @Test
    default void existingTitlesAreFoundIgnoringCaseAcrossAllOfAUsersConceptsOnly() {
        UserId user = Fixtures.newUser();
        List<Concept> many = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(Fixtures.concept(user, "Concept number " + i, null, T0));
        }
        stores().concepts().insertAll(many, StatsDelta.conceptsCreated(300), T0);
        stores().concepts()
                .insertAll(
                        List.of(Fixtures.concept(Fixtures.newUser(), "Someone else's", null, T0)), StatsDelta.NONE, T0);
        assertThat(stores().concepts()
                        .existingTitleKeys(
                                user, List.of("concept number 299", "concept number 0", "someone else's", "new one")))
                .isEqualTo(Set.of("concept number 299", "concept number 0"));
        assertThat(stores().concepts().existingTitleKeys(user, List.of())).isEmpty();
    }

    @Test
    default void phrasingScoresAreSetAndCleared() {
        UserId user = Fixtures.newUser();
        Concept concept = Fixtures.concept(user, "Stomata", null, T0);
        stores().concepts().insertAll(List.of(concept), StatsDelta.conceptsCreated(1), T0);
        stores().concepts().updatePhrasingScores(concept.id(), 2, 2, 1, T0.plusSeconds(5));
        Concept scored = stores().concepts().find(concept.id()).orElseThrow();
        assertThat(scored.phrasingCount()).isEqualTo(2);
        assertThat(scored.thinScore()).isEqualTo(2);
        assertThat(scored.conflictScore()).isEqualTo(1);
        assertThat(scored.updatedAt()).isEqualTo(T0.plusSeconds(5));
        stores().concepts().updatePhrasingScores(concept.id(), 4, null, null, T0.plusSeconds(6));
        Concept cleared = stores().concepts().find(concept.id()).orElseThrow();
        assertThat(cleared.thinScore()).isNull();
        assertThat(cleared.conflictScore()).isNull();
    }

    @Test
    default void aPhrasingIsInsertedOncePerQuestionOfAConcept() {
        UserId user = Fixtures.newUser();
        Concept concept = Fixtures.concept(user, "Osmosis", null, T0);
        Concept other = Fixtures.concept(user, "Diffusion", null, T0);
        stores().concepts().insertAll(List.of(concept, other), StatsDelta.conceptsCreated(2), T0);
        Phrasing first = Fixtures.phrasing(concept, "What drives osmosis?", T0);
        assertThat(stores().phrasings().insertIfAbsent(first)).isTrue();
        assertThat(stores().phrasings().insertIfAbsent(Fixtures.phrasing(concept, "  WHAT drives osmosis? ", T0)))
                .isFalse();
        assertThat(stores().phrasings().insertIfAbsent(Fixtures.phrasing(other, "What drives osmosis?", T0)))
                .isTrue();
        Phrasing second = Fixtures.phrasing(concept, "Which way does water move?", T0.plusSeconds(1));
        stores().phrasings().insertIfAbsent(second);
        assertThat(stores().phrasings().findByConcept(concept.id())).containsExactly(first, second);
    }

    @Test
    default void embeddingsAreStored() {
        UserId user = Fixtures.newUser();
        Concept concept = Fixtures.concept(user, "Xylem", null, T0);
        stores().concepts().insertAll(List.of(concept), StatsDelta.conceptsCreated(1), T0);
        Phrasing phrasing = Fixtures.phrasing(concept, "What does xylem carry?", T0);
        stores().phrasings().insertIfAbsent(phrasing);
        stores().phrasings().setEmbedding(phrasing.id(), new float[] {0.6f, 0.8f}, T0);
        assertThat(stores().phrasings().findByConcept(concept.id()).get(0).embedding())
                .containsExactly(0.6f, 0.8f);
    }

    @Test
    default void countersAreFlooredAtZero() {
        UserId user = Fixtures.newUser();
        assertThat(stores().userStats().get(user)).isEqualTo(UserStats.empty(user));
        stores().userStats().apply(user, new StatsDelta(2, 2, 0, 0), T0);
        UserStats after = stores().userStats().apply(user, new StatsDelta(-5, -1, -1, 3), T0.plusSeconds(1));
        assertThat(after.totalCards()).isZero();
        assertThat(after.newCount()).isEqualTo(1);
        assertThat(after.learningCount()).isZero();
        assertThat(after.matureCount()).isEqualTo(3);
        assertThat(stores().userStats().get(user)).isEqualTo(after);
    }
}
