package dev.recollect.domain.generation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference app's {@code prepareGeneratedPhrasings}, with its gap 14 fixed: options are counted after duplicates
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
        Set<String> seen = new HashSet<>();
        existingQuestions.forEach(q -> seen.add(Text.key(q)));
        List<PreparedPhrasing> accepted = new ArrayList<>();
        Map<Rejection, Integer> rejected = new EnumMap<>(Rejection.class);
        for (GeneratedPhrasing item : generated) {
            if (accepted.size() >= target) {
                break;
            }
            Object outcome = check(item, seen);
            if (outcome instanceof PreparedPhrasing phrasing) {
                accepted.add(phrasing);
                seen.add(phrasing.questionKey());
            } else {
                rejected.merge((Rejection) outcome, 1, Integer::sum);
            }
        }
        return new PhrasingPreparation(accepted, rejected);
    }

    /** The single-item check: a {@link PreparedPhrasing}, or the {@link Rejection} that stopped it. */
    private static Object check(GeneratedPhrasing item, Set<String> seen) {
        String question = Text.trim(item.question());
        String explanation = Text.trim(item.explanation());
        int length = Text.length(question);
        if (length < MIN_QUESTION) {
            return Rejection.QUESTION_TOO_SHORT;
        }
        if (length > MAX_QUESTION) {
            return Rejection.QUESTION_TOO_LONG;
        }
        if (Text.length(explanation) < MIN_EXPLANATION) {
            return Rejection.EXPLANATION_TOO_SHORT;
        }
        if (seen.contains(Text.key(question))) {
            return Rejection.DUPLICATE_QUESTION;
        }
        PhrasingType type = PhrasingType.fromWireName(item.type()).orElse(null);
        if (type == null) {
            return Rejection.UNSUPPORTED_TYPE;
        }
        Map<String, String> options = distinctOptions(item.options());
        int count = options.size();
        boolean countOk = type == PhrasingType.MULTIPLE_CHOICE ? count >= 3 && count <= 5 : count == 2;
        if (!countOk) {
            return Rejection.WRONG_OPTION_COUNT;
        }
        String correct = options.get(Text.key(item.correctAnswer()));
        if (correct == null) {
            return Rejection.ANSWER_NOT_AN_OPTION;
        }
        return new PreparedPhrasing(question, explanation, type, List.copyOf(options.values()), correct);
    }

    /** Trimmed, non-empty options keyed by their lowercase form, keeping the first spelling of each. */
    private static Map<String, String> distinctOptions(List<String> options) {
        Map<String, String> distinct = new LinkedHashMap<>();
        if (options != null) {
            for (String option : options) {
                String trimmed = Text.trim(option);
                if (!trimmed.isEmpty()) {
                    distinct.putIfAbsent(Text.key(trimmed), trimmed);
                }
            }
        }
        return distinct;
    }

    /** How many were rejected for {@code reason}. */
    public int rejectedFor(Rejection reason) {
        return rejected.getOrDefault(reason, 0);
    }
}
