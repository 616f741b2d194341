package dev.recollect.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.testing.SeededProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ConceptPreparationTest {
    private static ConceptIdea idea(String title, String description) {
        return new ConceptIdea(title, description, "It matters.");
    }

    @Test
    void skipsEmptyAndRepeatedIdeasAndCountsWhy() {
        ConceptPreparation prepared = ConceptPreparation.prepare(
                List.of(
                        idea("  Chlorophyll ", " Absorbs light. "),
                        idea(" ", "x"),
                        idea(null, "x"),
                        idea("Stomata", "  "),
                        idea("CHLOROPHYLL", "Again."),
                        idea("Calvin cycle", "Fixes carbon.")),
                "photosynthesis",
                50);
        assertThat(prepared.concepts())
                .containsExactly(
                        new PreparedConcept("Chlorophyll", "Absorbs light."),
                        new PreparedConcept("Calvin cycle", "Fixes carbon."));
        assertThat(prepared.stats()).isEqualTo(new ConceptPreparation.Stats(6, 2, 2, 1, 1, 0, false));
    }

    @Test
    void fallsBackToOneConceptWhenNothingSurvives() {
        ConceptPreparation fromIdea = ConceptPreparation.prepare(
                List.of(new ConceptIdea("", "", "Light becomes sugar.")), "Photosynthesis", 50);
        assertThat(fromIdea.concepts()).containsExactly(new PreparedConcept("Photosynthesis", "Light becomes sugar."));
        assertThat(fromIdea.stats().fallbackUsed()).isTrue();

        ConceptPreparation fromPrompt =
                ConceptPreparation.prepare(List.of(new ConceptIdea(" ", null, " ")), " tides ", 50);
        assertThat(fromPrompt.concepts())
                .containsExactly(new PreparedConcept("tides", "Deepening understanding of \" tides \"."));

        ConceptPreparation bare = ConceptPreparation.prepare(List.of(new ConceptIdea(null, null, null)), null, 50);
        assertThat(bare.concepts())
                .containsExactly(new PreparedConcept(
                        ConceptPreparation.FALLBACK_TITLE, ConceptPreparation.FALLBACK_DESCRIPTION));

        ConceptPreparation titled = ConceptPreparation.prepare(List.of(new ConceptIdea("Osmosis", "", "")), "", 50);
        assertThat(titled.concepts())
                .containsExactly(new PreparedConcept("Osmosis", ConceptPreparation.FALLBACK_DESCRIPTION));
    }

    @Test
    void noIdeasGiveNoConcepts() {
        ConceptPreparation none = ConceptPreparation.prepare(List.of(), "prompt", 50);
        assertThat(none.concepts()).isEmpty();
        assertThat(none.stats().fallbackUsed()).isFalse();
    }

    @Test
    void theCapKeepsTheFirstConcepts() {
        List<ConceptIdea> ideas = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ideas.add(idea("Concept " + i, "Description " + i));
        }
        ConceptPreparation prepared = ConceptPreparation.prepare(ideas, "p", ConceptPreparation.MAX_CONCEPTS_PER_JOB);
        assertThat(prepared.concepts()).hasSize(50);
        assertThat(prepared.concepts().get(49).title()).isEqualTo("Concept 49");
        assertThat(prepared.stats().skippedOverLimit()).isEqualTo(10);
    }

    @Test
    void selectionDropsShortTitlesAndTitlesTheUserHas() {
        List<PreparedConcept> candidates = List.of(
                new PreparedConcept("DNA", "Too short to store."),
                new PreparedConcept("Mitosis", "Cell division."),
                new PreparedConcept("Meiosis", "Another division."),
                new PreparedConcept("MITOSIS", "Repeated in the batch."));
        ConceptPreparation.Selection selection = ConceptPreparation.select(candidates, Set.of("meiosis"));
        assertThat(selection.toCreate()).extracting(PreparedConcept::title).containsExactly("Mitosis");
        assertThat(selection.skippedShortTitle()).isEqualTo(1);
        assertThat(selection.skippedExisting()).isEqualTo(2);
        assertThat(ConceptPreparation.select(List.of(new PreparedConcept("Ωmega", "Five code points.")), Set.of())
                        .toCreate())
                .hasSize(1);
    }

    @Test
    void aPreparedConceptIsTrimmedAndNonBlank() {
        assertThatThrownBy(() -> new PreparedConcept(" x", "y")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PreparedConcept("x", "")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PreparedConcept(null, "y")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PreparedConcept("x", null)).isInstanceOf(DomainException.class);
        assertThat(new PreparedConcept("Tides", "Moon.").titleKey()).isEqualTo("tides");
    }

    @Provide
    Arbitrary<List<ConceptIdea>> ideas() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.of("", " ", "  Alpha ", "alpha", "Beta", "BETA ", "Gamma ray", "δ"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> maybe = Arbitraries.frequencyOf(
                List.of(net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)), net.jqwik.api.Tuple.of(6, text)));
        return Combinators.combine(maybe, maybe, maybe)
                .as(ConceptIdea::new)
                .list()
                .ofMaxSize(70);
    }

    @SeededProperty
    void preparedConceptsAreTrimmedDistinctAndAccountedFor(
            @ForAll("ideas") List<ConceptIdea> ideas, @ForAll("limit") int limit) {
        ConceptPreparation prepared = ConceptPreparation.prepare(ideas, "fallback prompt", limit);
        ConceptPreparation.Stats stats = prepared.stats();
        Set<String> keys = new HashSet<>();
        for (PreparedConcept concept : prepared.concepts()) {
            assertThat(keys.add(concept.titleKey())).isTrue();
        }
        assertThat(prepared.concepts()).hasSizeLessThanOrEqualTo(limit).hasSize(stats.accepted());
        int kept = stats.accepted() + stats.skippedOverLimit() - (stats.fallbackUsed() ? 1 : 0);
        assertThat(kept + stats.skippedEmptyTitle() + stats.skippedEmptyDescription() + stats.skippedDuplicate())
                .isEqualTo(ideas.size());
        assertThat(stats.fallbackUsed()).isEqualTo(!ideas.isEmpty() && kept == 0);
    }

    @Provide
    Arbitrary<Integer> limit() {
        return Arbitraries.integers().between(1, 60);
    }
}
