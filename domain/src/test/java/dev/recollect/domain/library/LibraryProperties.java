package dev.recollect.domain.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.generation.DedupeKey;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.generation.PreparedPhrasing;
import dev.recollect.domain.testing.SeededProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class LibraryProperties {
    private static final Instant T = Instant.parse("2025-02-01T08:00:00Z");
    private static final UserId USER = new UserId("u");

    private static Concept concept() {
        return Concept.created(
                new ConceptId(new UUID(0, 1)), USER, "Tides", "The moon's pull.", new JobId(new UUID(0, 9)), T);
    }

    private static Phrasing phrasing() {
        PreparedPhrasing prepared = new PreparedPhrasing(
                " What causes tides? ",
                "The moon's gravity.",
                PhrasingType.MULTIPLE_CHOICE,
                List.of("Moon", "Sun", "Wind"),
                "Moon");
        return Phrasing.generated(new PhrasingId(new UUID(0, 2)), USER, new ConceptId(new UUID(0, 1)), prepared, T);
    }

    @Provide
    Arbitrary<String> titles() {
        return Arbitraries.of("Tides", "Ωmega waves", "Photosynthesis", "The Calvin cycle", "DNA replication");
    }

    @Provide
    Arbitrary<Instant> times() {
        return Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond);
    }

    /**
     * A created concept is new, due when it was made, thin (no phrasings yet) and active; scoring its phrasings
     * changes the scores and the update time, and nothing else.
     */
    @SeededProperty
    void aCreatedConceptIsNewDueNowAndThin(
            @ForAll("titles") String title,
            @ForAll("times") Instant created,
            @ForAll @IntRange(max = 10) int count,
            @ForAll @IntRange(min = 1, max = 5) int later) {
        Concept concept = Concept.created(
                new ConceptId(new UUID(0, 1)), USER, title, "About it.", new JobId(new UUID(0, 9)), created);
        assertThat(concept.card()).isEqualTo(Card.empty(created));
        assertThat(concept.thinScore()).isEqualTo(4);
        assertThat(concept.phrasingCount()).isZero();
        assertThat(concept.isActive()).isTrue();
        assertThat(concept.titleKey()).isEqualTo(DedupeKey.of(title));
        Instant now = created.plusSeconds(later);
        Concept scored = concept.withPhrasingScores(count, count >= 4 ? null : 4 - count, null, now);
        assertThat(scored)
                .isEqualTo(new Concept(
                        concept.id(),
                        USER,
                        title,
                        "About it.",
                        concept.card(),
                        null,
                        count,
                        count >= 4 ? null : 4 - count,
                        null,
                        concept.generationJobId(),
                        created,
                        now,
                        null,
                        null));
    }

    /**
     * A concept's phrasing count is never negative and each score is positive or absent, as the schema requires: the
     * in-memory store once accepted a score of zero that PostgreSQL refuses.
     */
    @SeededProperty
    void scoresArePositiveOrAbsentAndTheCountIsNeverNegative(
            @ForAll @IntRange(min = -3, max = 6) int count,
            @ForAll("anyScores") Integer thin,
            @ForAll("anyScores") Integer conflict) {
        Concept concept =
                Concept.created(new ConceptId(new UUID(0, 1)), USER, "Tides", "About it.", null, Instant.EPOCH);
        boolean valid = count >= 0 && (thin == null || thin > 0) && (conflict == null || conflict > 0);
        if (valid) {
            assertThat(concept.withPhrasingScores(count, thin, conflict, Instant.EPOCH)
                            .thinScore())
                    .isEqualTo(thin);
        } else {
            assertThatThrownBy(() -> concept.withPhrasingScores(count, thin, conflict, Instant.EPOCH))
                    .isInstanceOf(DomainException.class);
        }
    }

    @Provide
    Arbitrary<Integer> anyScores() {
        return Arbitraries.integers().between(-2, 3).injectNull(0.3);
    }

    /** A concept or a phrasing is active exactly while it is neither archived nor deleted. */
    @SeededProperty
    void activeMeansNeitherArchivedNorDeleted(@ForAll boolean archived, @ForAll boolean deleted) {
        Concept concept = concept();
        Concept marked = new Concept(
                concept.id(),
                USER,
                "t",
                null,
                concept.card(),
                null,
                0,
                null,
                null,
                null,
                T,
                T,
                archived ? T : null,
                deleted ? T : null);
        assertThat(marked.isActive()).isEqualTo(!archived && !deleted);
    }

    /**
     * A generated phrasing is fresh (no answers, no embedding, active), keyed by its question; with an embedding it
     * compares by the embedding's content, which cannot be changed from outside.
     */
    @SeededProperty
    void aGeneratedPhrasingIsFreshAndComparesByValue(
            @ForAll("vectors") float[] vector, @ForAll("times") Instant created) {
        PreparedPhrasing prepared = new PreparedPhrasing(
                "What causes tides?",
                "The moon's gravity.",
                PhrasingType.MULTIPLE_CHOICE,
                List.of("Moon", "Sun", "Wind"),
                "Moon");
        Phrasing phrasing = Phrasing.generated(
                new PhrasingId(new UUID(0, 2)), USER, new ConceptId(new UUID(0, 1)), prepared, created);
        assertThat(phrasing.attemptCount()).isZero();
        assertThat(phrasing.embedding()).isNull();
        assertThat(phrasing.isActive()).isTrue();
        assertThat(phrasing.questionKey()).isEqualTo("what causes tides?");
        assertThat(phrasing.embeddingText()).isEqualTo("What causes tides?\n\nThe moon's gravity.");
        Phrasing embedded = phrasing.withEmbedding(vector);
        Phrasing again = phrasing.withEmbedding(vector.clone());
        assertThat(embedded).isEqualTo(again).hasSameHashCodeAs(again).isNotEqualTo(phrasing);
        assertThat(embedded.toString()).contains("embedded=true");
        assertThat(phrasing.toString()).contains("embedded=false");
        assertThat(phrasing)
                .isEqualTo(Phrasing.generated(phrasing.id(), USER, phrasing.conceptId(), prepared, created))
                .hasSameHashCodeAs(Phrasing.generated(phrasing.id(), USER, phrasing.conceptId(), prepared, created));
        assertThat(embedded.hashCode()).isNotEqualTo(phrasing.hashCode());
        float[] leaked = embedded.embedding();
        leaked[0] = leaked[0] + 1;
        assertThat(embedded.embedding()).containsExactly(vector);
    }

    @Provide
    Arbitrary<float[]> vectors() {
        return Arbitraries.floats()
                .between(-1, 1)
                .array(float[].class)
                .ofMinSize(1)
                .ofMaxSize(8);
    }

    @Example
    void phrasingsDifferInAnyField() throws ReflectiveOperationException {
        Phrasing p = phrasing();
        RecordComponent[] components = Phrasing.class.getRecordComponents();
        Object[] same = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            same[i] = components[i].getAccessor().invoke(p);
            types[i] = components[i].getType();
        }
        // One different value per component, in declaration order.
        Object[] different = {
            new PhrasingId(new UUID(0, 3)),
            new UserId("v"),
            new ConceptId(new UUID(0, 4)),
            "What else?",
            "Another reason.",
            PhrasingType.TRUE_FALSE,
            List.of("True", "False"),
            "Sun",
            1,
            1,
            T,
            new float[] {0.5f},
            T.plusSeconds(1),
            T,
            T
        };
        assertThat(different).hasSameSizeAs(components);
        Constructor<Phrasing> canonical = Phrasing.class.getDeclaredConstructor(types);
        for (int i = 0; i < components.length; i++) {
            Object[] args = same.clone();
            args[i] = different[i];
            assertThat(canonical.newInstance(args)).as(components[i].getName()).isNotEqualTo(p);
        }
        assertThat(canonical.newInstance(same)).isEqualTo(p).hasSameHashCodeAs(p);
        Phrasing embedded = p.withEmbedding(new float[] {0.5f});
        assertThat(embedded.withEmbedding(new float[] {0.5f}))
                .as("embeddings compare by content")
                .isEqualTo(embedded)
                .hasSameHashCodeAs(embedded);
        Object[] archived = same.clone();
        archived[13] = T;
        Object[] deleted = same.clone();
        deleted[14] = T;
        assertThat(canonical.newInstance(archived).isActive()).isFalse();
        assertThat(canonical.newInstance(deleted).isActive()).isFalse();
        assertThat(p.isActive()).isTrue();
    }
}
