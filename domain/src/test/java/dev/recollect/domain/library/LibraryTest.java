package dev.recollect.domain.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.generation.PreparedPhrasing;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LibraryTest {
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

    @Test
    void aCreatedConceptIsNewDueNowAndThin() {
        Concept concept = concept();
        assertThat(concept.card()).isEqualTo(Card.empty(T));
        assertThat(concept.card().state()).isEqualTo(State.NEW);
        assertThat(concept.thinScore()).isEqualTo(4);
        assertThat(concept.phrasingCount()).isZero();
        assertThat(concept.isActive()).isTrue();
        assertThat(concept.titleKey()).isEqualTo("tides");
        Concept scored = concept.withPhrasingScores(3, 1, null, T.plusSeconds(1));
        assertThat(scored.phrasingCount()).isEqualTo(3);
        assertThat(scored.thinScore()).isEqualTo(1);
        assertThat(scored.updatedAt()).isEqualTo(T.plusSeconds(1));
        assertThat(scored.createdAt()).isEqualTo(T);
        assertThat(scored.title()).isEqualTo("Tides");
        Concept archived =
                new Concept(concept.id(), USER, "t", null, concept.card(), null, 0, null, null, null, T, T, T, null);
        assertThat(archived.isActive()).isFalse();
        assertThat(new Concept(concept.id(), USER, "t", null, concept.card(), null, 0, null, null, null, T, T, null, T)
                        .isActive())
                .isFalse();
        assertThatThrownBy(() ->
                        new Concept(null, USER, "t", null, concept.card(), null, 0, null, null, null, T, T, null, null))
                .hasMessage("id");
    }

    @Test
    void aGeneratedPhrasingIsFreshAndComparesByValue() {
        Phrasing phrasing = phrasing();
        assertThat(phrasing.attemptCount()).isZero();
        assertThat(phrasing.embedding()).isNull();
        assertThat(phrasing.isActive()).isTrue();
        assertThat(phrasing.questionKey()).isEqualTo("what causes tides?");
        assertThat(phrasing.embeddingText()).isEqualTo(" What causes tides? \n\nThe moon's gravity.");
        Phrasing embedded = phrasing.withEmbedding(new float[] {0.6f, 0.8f});
        assertThat(embedded.embedding()).containsExactly(0.6f, 0.8f);
        assertThat(embedded).isNotEqualTo(phrasing).isEqualTo(phrasing.withEmbedding(new float[] {0.6f, 0.8f}));
        assertThat(embedded.hashCode())
                .isEqualTo(phrasing.withEmbedding(new float[] {0.6f, 0.8f}).hashCode());
        assertThat(embedded.toString()).contains("embedded=true").contains("What causes tides?");
        float[] leaked = embedded.embedding();
        leaked[0] = 9;
        assertThat(embedded.embedding()[0]).isEqualTo(0.6f);
        assertThat(phrasing).isNotEqualTo("phrasing");
    }

    @Test
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
