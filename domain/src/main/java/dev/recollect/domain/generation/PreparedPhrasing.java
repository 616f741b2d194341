package dev.recollect.domain.generation;

import java.util.List;

/**
 * A phrasing that passed every check: trimmed texts, deduplicated options, and a correct answer spelled as its
 * option.
 *
 * @param question the question, 12 to 400 characters
 * @param explanation at least 12 characters
 * @param type the kind of question
 * @param options 3 to 5 distinct options for multiple choice, exactly 2 for true/false
 * @param correctAnswer one of the options
 */
public record PreparedPhrasing(
        String question, String explanation, PhrasingType type, List<String> options, String correctAnswer) {
    /** Copies the options. */
    public PreparedPhrasing {
        options = List.copyOf(options);
    }

    /** The question as deduplication compares it. */
    public String questionKey() {
        return DedupeKey.of(question);
    }
}
