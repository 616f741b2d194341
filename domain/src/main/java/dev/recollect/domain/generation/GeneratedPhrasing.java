package dev.recollect.domain.generation;

import java.util.List;

/**
 * A phrasing as the LLM produced it; any field may be missing.
 *
 * @param question the question
 * @param explanation why the answer is right
 * @param type {@code multiple-choice} or {@code true-false}
 * @param options the choices
 * @param correctAnswer the correct choice
 */
public record GeneratedPhrasing(
        String question, String explanation, String type, List<String> options, String correctAnswer) {}
