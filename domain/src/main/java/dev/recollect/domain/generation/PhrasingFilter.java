package dev.recollect.domain.generation;

import dev.recollect.domain.generation.PhrasingPreparation.Rejection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks generated phrasings one at a time, as they stream in, with the rules of {@link PhrasingPreparation}: so a
 * phrasing can be saved the moment it passes. Not thread-safe; one filter serves one concept of one job.
 */
public final class PhrasingFilter {
    private final Set<String> seen = new HashSet<>();
    private final int target;
    private final List<PreparedPhrasing> accepted = new ArrayList<>();
    private final Map<Rejection, Integer> rejected = new EnumMap<>(Rejection.class);

    /**
     * A filter that accepts up to {@code target} phrasings repeating none of {@code existingQuestions}.
     *
     * @param existingQuestions the concept's questions so far, in any case and spacing
     */
    public PhrasingFilter(Collection<String> existingQuestions, int target) {
        existingQuestions.forEach(q -> seen.add(DedupeKey.of(q)));
        this.target = target;
    }

    /** Whether the target is reached; further offers are ignored. */
    public boolean isFull() {
        return accepted.size() >= target;
    }

    /** How many phrasings were accepted so far. */
    public int acceptedCount() {
        return accepted.size();
    }

    /** Checks {@code item}; returns it prepared when it is kept, empty when it is rejected or the filter is full. */
    public Optional<PreparedPhrasing> offer(GeneratedPhrasing item) {
        if (isFull()) {
            return Optional.empty();
        }
        Object outcome = check(item);
        if (outcome instanceof PreparedPhrasing phrasing) {
            accepted.add(phrasing);
            seen.add(phrasing.questionKey());
            return Optional.of(phrasing);
        }
        rejected.merge((Rejection) outcome, 1, Integer::sum);
        return Optional.empty();
    }

    /** What was kept and rejected so far. */
    public PhrasingPreparation result() {
        return new PhrasingPreparation(accepted, rejected);
    }

    /** A {@link PreparedPhrasing}, or the {@link Rejection} that stopped the item. */
    private Object check(GeneratedPhrasing item) {
        String question = Text.trim(item.question());
        String explanation = Text.trim(item.explanation());
        int length = Text.length(question);
        if (length < PhrasingPreparation.MIN_QUESTION) {
            return Rejection.QUESTION_TOO_SHORT;
        }
        if (length > PhrasingPreparation.MAX_QUESTION) {
            return Rejection.QUESTION_TOO_LONG;
        }
        if (Text.length(explanation) < PhrasingPreparation.MIN_EXPLANATION) {
            return Rejection.EXPLANATION_TOO_SHORT;
        }
        if (seen.contains(DedupeKey.of(question))) {
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
        String correct = options.get(DedupeKey.of(item.correctAnswer()));
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
                    distinct.putIfAbsent(DedupeKey.of(trimmed), trimmed);
                }
            }
        }
        return distinct;
    }
}
