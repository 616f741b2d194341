package dev.recollect.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConceptScoresTest {
    @Test
    void thinScoreIsWhatIsMissingUpToFour() {
        assertThat(ConceptScores.thinScore(0)).hasValue(4);
        assertThat(ConceptScores.thinScore(3)).hasValue(1);
        assertThat(ConceptScores.thinScore(4)).isEmpty();
        assertThat(ConceptScores.thinScore(9)).isEmpty();
    }

    @Test
    void conflictScoreCountsRepeatsIgnoringCaseAndSpaces() {
        assertThat(ConceptScores.conflictScore(List.of("a", "a", " A ", "b"))).hasValue(2);
        assertThat(ConceptScores.conflictScore(List.of("a", "b", "c"))).isEqualTo(OptionalInt.empty());
        assertThat(ConceptScores.conflictScore(List.of())).isEmpty();
    }
}
