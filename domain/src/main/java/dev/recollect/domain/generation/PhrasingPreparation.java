package dev.recollect.domain.generation;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The reference app's {@code prepareGeneratedPhrasings} over a whole answer (see {@link PhrasingFilter} for items
 * that arrive one by one), with its gap 14 fixed: options are counted after duplicates
 * are removed, so a multiple-choice question can no longer end with two options.
 *
 * @param phrasings the accepted phrasings, at most the target count
 * @param rejected how many were rejected, by reason
 */
public record PhrasingPreparation(List<PreparedPhrasing> phrasings, Map<Rejection, Integer> rejected) {
    /** The reference asks for four phrasings per concept. */
    public static final int TARGET_PER_CONCEPT = 4;

    static final int MIN_QUESTION = 12;
    static final int MAX_QUESTION = 400;
    static final int MIN_EXPLANATION = 12;

    /** Why a generated phrasing was not kept. */
    public enum Rejection {
        /** The question has fewer than 12 characters. */
        QUESTION_TOO_SHORT,
        /** The question has more than 400 characters. */
        QUESTION_TOO_LONG,
        /** The explanation has fewer than 12 characters. */
        EXPLANATION_TOO_SHORT,
        /** The same question (ignoring case) exists or came earlier. */
        DUPLICATE_QUESTION,
        /** Neither multiple choice nor true/false. */
        UNSUPPORTED_TYPE,
        /** Not 3–5 distinct options for multiple choice, or not 2 for true/false. */
        WRONG_OPTION_COUNT,
        /** The correct answer is not among the options. */
        ANSWER_NOT_AN_OPTION
    }

    /** Copies the counts. */
    public PhrasingPreparation {
        phrasings = List.copyOf(phrasings);
        rejected = Map.copyOf(rejected);
    }

    /**
     * Keeps up to {@code target} valid phrasings that repeat neither {@code existingQuestions} nor each other.
     *
     * @param existingQuestions the concept's existing questions, in any case and spacing
     */
    public static PhrasingPreparation prepare(
            List<GeneratedPhrasing> generated, Collection<String> existingQuestions, int target) {
        PhrasingFilter filter = new PhrasingFilter(existingQuestions, target);
        for (GeneratedPhrasing item : generated) {
            if (filter.isFull()) {
                break;
            }
            filter.offer(item);
        }
        return filter.result();
    }

    /** How many were rejected for {@code reason}. */
    public int rejectedFor(Rejection reason) {
        return rejected.getOrDefault(reason, 0);
    }
}
