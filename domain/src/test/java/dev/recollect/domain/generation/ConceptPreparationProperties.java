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
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

class ConceptPreparationProperties {
    private static ConceptIdea idea(String title, String description) {
        return new ConceptIdea(title, description, "It matters.");
    }

    @Example
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

    /**
     * The first idea of each title (compared by dedupe key) wins, in the model's order, stripped; the cap keeps the
     * first ones. Without a fallback, the concepts are exactly that subsequence of the ideas.
     */
    @SeededProperty
    void theFirstIdeaOfEachTitleWinsInOrder(@ForAll("ideas") List<ConceptIdea> ideas, @ForAll("limit") int limit) {
        ConceptPreparation prepared = ConceptPreparation.prepare(ideas, "fallback prompt", limit);
        Assume.that(!prepared.stats().fallbackUsed());
        List<PreparedConcept> expected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConceptIdea idea : ideas) {
            String title = idea.title() == null ? "" : idea.title().strip();
            String description =
                    idea.description() == null ? "" : idea.description().strip();
            if (!title.isEmpty() && !description.isEmpty() && seen.add(DedupeKey.of(title))) {
                expected.add(new PreparedConcept(title, description));
            }
        }
        assertThat(prepared.concepts()).isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
        assertThat(prepared.stats().skippedOverLimit()).isEqualTo(Math.max(0, expected.size() - limit));
    }

    @Provide
    Arbitrary<List<PreparedConcept>> candidates() {
        return Arbitraries.of("DNA", "Mitosis", "MITOSIS", "Meiosis", "Ωmega", "Ωmeg", "Gamma ray", "gamma RAY")
                .map(title -> new PreparedConcept(title, "About " + title + "."))
                .list()
                .ofMaxSize(12);
    }

    @Provide
    Arbitrary<Set<String>> existingKeys() {
        return Arbitraries.of("mitosis", "meiosis", "gamma ray", "photosynthesis")
                .set()
                .ofMaxSize(3);
    }

    /**
     * Selection creates the candidates whose title has at least five code points and whose key is new to the learner
     * and to the batch, in order; every candidate is accounted for; selecting again, with what was created now
     * taken, creates nothing more.
     */
    @SeededProperty
    void selectionKeepsLongTitlesNewToTheLearner(
            @ForAll("candidates") List<PreparedConcept> candidates, @ForAll("existingKeys") Set<String> existing) {
        ConceptPreparation.Selection selection = ConceptPreparation.select(candidates, existing);
        Set<String> taken = new HashSet<>(existing);
        List<PreparedConcept> expected = new ArrayList<>();
        for (PreparedConcept candidate : candidates) {
            String title = candidate.title();
            if (title.codePointCount(0, title.length()) >= ConceptPreparation.MIN_STORED_TITLE_LENGTH
                    && taken.add(candidate.titleKey())) {
                expected.add(candidate);
            }
        }
        assertThat(selection.toCreate()).isEqualTo(expected);
        assertThat(selection.toCreate().size() + selection.skippedShortTitle() + selection.skippedExisting())
                .isEqualTo(candidates.size());
        Set<String> after = new HashSet<>(existing);
        selection.toCreate().forEach(c -> after.add(c.titleKey()));
        assertThat(ConceptPreparation.select(candidates, after).toCreate()).isEmpty();
    }

    /** A prepared concept holds stripped, non-blank text; its key is the dedupe key of its title. */
    @SeededProperty
    void aPreparedConceptIsStrippedAndNonBlank(
            @ForAll("words") String title, @ForAll("words") String description, @ForAll("blanks") String blank) {
        PreparedConcept concept = new PreparedConcept(title, description);
        assertThat(concept.titleKey()).isEqualTo(DedupeKey.of(title));
        assertThatThrownBy(() -> new PreparedConcept(" " + title, description)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PreparedConcept(title, description + "\n")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PreparedConcept(blank, description)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PreparedConcept(title, blank)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PreparedConcept(null, description)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PreparedConcept(title, null)).isInstanceOf(DomainException.class);
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('Ω', 'é', ' ')
                .ofMinLength(1)
                .ofMaxLength(12)
                .map(String::strip)
                .filter(w -> !w.isEmpty());
    }

    @Provide
    Arbitrary<String> blanks() {
        return Arbitraries.strings().withChars(' ', '\t', '\n', '\u2003').ofMaxLength(3);
    }
}
