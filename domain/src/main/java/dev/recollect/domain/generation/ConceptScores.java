package dev.recollect.domain.generation;

import java.util.Collection;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/** The reference's quality signals of a concept: too few phrasings (thin), and repeated questions (conflict). */
public final class ConceptScores {
    private ConceptScores() {}

    /** {@code 4 − min(phrasingCount, 4)}; empty when the concept has enough phrasings. */
    public static OptionalInt thinScore(int phrasingCount) {
        int thin = PhrasingPreparation.TARGET_PER_CONCEPT
                - Math.min(phrasingCount, PhrasingPreparation.TARGET_PER_CONCEPT);
        return thin > 0 ? OptionalInt.of(thin) : OptionalInt.empty();
    }

    /** How many questions repeat another (trimmed, ignoring case); empty when none does. */
    public static OptionalInt conflictScore(Collection<String> questions) {
        Set<String> distinct = new HashSet<>();
        questions.forEach(q -> distinct.add(DedupeKey.of(q)));
        int conflicts = questions.size() - distinct.size();
        return conflicts > 0 ? OptionalInt.of(conflicts) : OptionalInt.empty();
    }
}
