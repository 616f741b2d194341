package dev.recollect.ports.testing;

import static dev.recollect.ports.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.generation.DedupeKey;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.UserStats;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.Persistence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What every {@code ConceptStore}, {@code PhrasingStore} and {@code UserStatsStore} must do, together, as properties;
 * each try works with learners of its own, so that tries can share one database.
 */
public interface LibraryStoreProperties {
    /** The stores under test; called once per try. */
    Persistence stores();

    /** Words titles and questions are made of, in any case and with stray spaces. */
    @Provide
    default Arbitrary<String> spellings() {
        Arbitrary<String> word = Arbitraries.of("osmosis", "Xylem", "calvin cycle", "STOMATA", "Chlorophyll");
        return Combinators.combine(word, Arbitraries.integers().between(0, 3), Arbitraries.of("", " ", "  "))
                .as((w, casing, pad) -> pad
                        + switch (casing) {
                            case 0 -> w;
                            case 1 -> w.toUpperCase(java.util.Locale.ROOT);
                            case 2 -> w.toLowerCase(java.util.Locale.ROOT);
                            default -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
                        }
                        + pad);
    }

    @Provide
    default Arbitrary<List<String>> texts() {
        return spellings().list().ofMaxSize(8);
    }

    /**
     * Concepts read back by id and by job in the order they were created, count toward their learner's stats and are
     * due at once, and their titles are found by key (any case) among that learner's concepts only.
     */
    @SeededProperty
    default void conceptsReadBackAndTheirTitlesAreFoundAmongTheirLearnersOnly(
            @ForAll("texts") List<String> titles,
            @ForAll("texts") List<String> othersTitles,
            @ForAll("texts") List<String> asked) {
        Persistence stores = stores();
        UserId learner = Fixtures.newUser();
        UserId other = Fixtures.newUser();
        JobId job = new JobId(UUID.randomUUID());
        List<Concept> mine = unique(learner, titles, job);
        stores.concepts().insertAll(mine, StatsDelta.conceptsCreated(mine.size()), T0);
        List<Concept> theirs = unique(other, othersTitles, null);
        stores.concepts().insertAll(theirs, StatsDelta.NONE, T0);

        mine.forEach(c -> assertThat(stores.concepts().find(c.id())).contains(c));
        assertThat(stores.concepts().findByJob(job)).isEqualTo(mine);
        assertThat(stores.concepts().find(new ConceptId(UUID.randomUUID()))).isEmpty();
        Set<String> myKeys = new HashSet<>(mine.stream().map(Concept::titleKey).toList());
        List<String> keys = asked.stream().map(DedupeKey::of).toList();
        assertThat(stores.concepts().existingTitleKeys(learner, keys))
                .isEqualTo(new HashSet<>(keys.stream().filter(myKeys::contains).toList()));
        UserStats stats = stores.userStats().get(learner);
        assertThat(stats.totalCards()).isEqualTo(mine.size());
        assertThat(stats.newCount()).isEqualTo(mine.size());
        assertThat(stores.concepts().dueSnapshot(learner, T0.plusSeconds(1)).dueNowCount())
                .as("new concepts are due at once")
                .isEqualTo(mine.size());
    }

    /** One concept per title key, created a millisecond apart. */
    private static List<Concept> unique(UserId learner, List<String> titles, JobId job) {
        Map<String, Concept> byKey = new LinkedHashMap<>();
        for (String title : titles) {
            Concept concept = Fixtures.concept(learner, title.strip(), job, T0.plusMillis(byKey.size()));
            byKey.putIfAbsent(concept.titleKey(), concept);
        }
        return List.copyOf(byKey.values());
    }

    /**
     * A phrasing is inserted once per question of a concept, whatever its case and spaces, and again for another
     * concept; a concept's phrasings read back in the order they were inserted.
     */
    @SeededProperty
    default void aPhrasingIsInsertedOncePerQuestionOfAConcept(
            @ForAll("texts") List<String> questions, @ForAll("concepts") List<Integer> concepts) {
        Persistence stores = stores();
        UserId learner = Fixtures.newUser();
        List<Concept> both = List.of(
                Fixtures.concept(learner, "Osmosis", null, T0), Fixtures.concept(learner, "Diffusion", null, T0));
        stores.concepts().insertAll(both, StatsDelta.conceptsCreated(2), T0);
        Map<Integer, List<Phrasing>> kept = new LinkedHashMap<>(Map.of(0, new ArrayList<>(), 1, new ArrayList<>()));
        for (int i = 0; i < questions.size(); i++) {
            int c = concepts.get(i % concepts.size());
            Phrasing phrasing = Fixtures.phrasing(both.get(c), questions.get(i) + "?", T0.plusMillis(i));
            boolean fresh = kept.get(c).stream().noneMatch(p -> p.questionKey().equals(phrasing.questionKey()));

            assertThat(stores.phrasings().insertIfAbsent(phrasing)).isEqualTo(fresh);

            if (fresh) {
                kept.get(c).add(phrasing);
            }
        }
        for (int c = 0; c < 2; c++) {
            assertThat(stores.phrasings().findByConcept(both.get(c).id())).isEqualTo(kept.get(c));
        }
    }

    @Provide
    default Arbitrary<List<Integer>> concepts() {
        return Arbitraries.integers().between(0, 1).list().ofMinSize(1).ofMaxSize(4);
    }

    /** A concept's phrasing count and scores are whatever was set last, a missing score as none. */
    @SeededProperty
    default void phrasingScoresAreWhateverWasSetLast(
            @ForAll @IntRange(max = 20) int count,
            @ForAll("scores") Integer thin,
            @ForAll("scores") Integer conflict,
            @ForAll @IntRange(max = 100_000) int millis) {
        Persistence stores = stores();
        Concept concept = Fixtures.concept(Fixtures.newUser(), "Stomata", null, T0);
        stores.concepts().insertAll(List.of(concept), StatsDelta.conceptsCreated(1), T0);
        stores.concepts().updatePhrasingScores(concept.id(), 9, 9, 9, T0);
        Instant at = T0.plusMillis(millis);

        stores.concepts().updatePhrasingScores(concept.id(), count, thin, conflict, at);

        Concept scored = stores.concepts().find(concept.id()).orElseThrow();
        assertThat(scored.phrasingCount()).isEqualTo(count);
        assertThat(scored.thinScore()).isEqualTo(thin);
        assertThat(scored.conflictScore()).isEqualTo(conflict);
        assertThat(scored.updatedAt()).isEqualTo(at);
    }

    @Provide
    default Arbitrary<Integer> scores() {
        return Arbitraries.integers().between(1, 10).injectNull(0.3);
    }

    /** An embedding of any length and values reads back as it was stored. */
    @SeededProperty
    default void embeddingsReadBackAsStored(@ForAll("embeddings") List<Float> values) {
        Persistence stores = stores();
        Concept concept = Fixtures.concept(Fixtures.newUser(), "Xylem", null, T0);
        stores.concepts().insertAll(List.of(concept), StatsDelta.conceptsCreated(1), T0);
        Phrasing phrasing = Fixtures.phrasing(concept, "What does xylem carry?", T0);
        stores.phrasings().insertIfAbsent(phrasing);
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }

        stores.phrasings().setEmbedding(phrasing.id(), vector, T0);

        assertThat(stores.phrasings().findByConcept(concept.id()).get(0).embedding())
                .isEqualTo(vector);
    }

    @Provide
    default Arbitrary<List<Float>> embeddings() {
        return Arbitraries.floats()
                .between(-1e6f, 1e6f)
                .filter(f -> Float.floatToIntBits(f) != Float.floatToIntBits(-0.0f))
                .list()
                .ofMinSize(1)
                .ofMaxSize(8);
    }

    /** A learner's counters move by each change and never fall below zero. */
    @SeededProperty
    default void countersMoveByEachChangeAndAreFlooredAtZero(@ForAll("deltas") List<StatsDelta> deltas) {
        Persistence stores = stores();
        UserId learner = Fixtures.newUser();
        assertThat(stores.userStats().get(learner)).isEqualTo(UserStats.empty(learner));
        int[] model = new int[4];
        for (int i = 0; i < deltas.size(); i++) {
            StatsDelta d = deltas.get(i);
            model[0] = Math.max(0, model[0] + d.totalCards());
            model[1] = Math.max(0, model[1] + d.newCount());
            model[2] = Math.max(0, model[2] + d.learningCount());
            model[3] = Math.max(0, model[3] + d.matureCount());

            UserStats after = stores.userStats().apply(learner, d, T0.plusSeconds(i));

            assertThat(new int[] {after.totalCards(), after.newCount(), after.learningCount(), after.matureCount()})
                    .isEqualTo(model);
            assertThat(stores.userStats().get(learner)).isEqualTo(after);
        }
    }

    @Provide
    default Arbitrary<List<StatsDelta>> deltas() {
        Arbitrary<Integer> n = Arbitraries.integers().between(-5, 5);
        return Combinators.combine(n, n, n, n).as(StatsDelta::new).list().ofMaxSize(10);
    }
}
