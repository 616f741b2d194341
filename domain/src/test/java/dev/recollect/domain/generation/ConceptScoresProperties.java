package dev.recollect.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** A concept's scores: how thin it is, and how many of its questions repeat another. */
class ConceptScoresProperties {
    /** Thin is what is missing up to four phrasings; a concept with four or more is not thin. */
    @SeededProperty
    void thinScoreIsWhatIsMissingUpToFour(@ForAll @IntRange(min = 0, max = 1000) int phrasings) {
        OptionalInt thin = ConceptScores.thinScore(phrasings);
        assertThat(thin).isEqualTo(phrasings >= 4 ? OptionalInt.empty() : OptionalInt.of(4 - phrasings));
    }

    @Provide
    Arbitrary<List<String>> questions() {
        return Arbitraries.of("Is it a?", "Is it b?", "What is c?", "Why d?")
                .list()
                .ofMaxSize(10);
    }

    /**
     * The conflict score counts questions that repeat an earlier one, ignoring case and surrounding spaces, whatever
     * their order; none repeating is no score.
     */
    @SeededProperty
    void conflictScoreCountsRepeatsIgnoringCaseAndSpaces(
            @ForAll("questions") List<String> questions, @ForAll long seed) {
        int repeats = questions.size() - new HashSet<>(questions).size();
        List<String> disguised = new ArrayList<>();
        Random random = new Random(seed);
        for (String q : questions) {
            disguised.add(random.nextBoolean() ? "  " + q.toUpperCase(Locale.ROOT) + " " : q);
        }
        Collections.shuffle(disguised, random);
        assertThat(ConceptScores.conflictScore(disguised))
                .isEqualTo(repeats == 0 ? OptionalInt.empty() : OptionalInt.of(repeats));
    }
}
