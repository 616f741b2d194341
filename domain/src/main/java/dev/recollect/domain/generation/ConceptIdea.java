package dev.recollect.domain.generation;

/**
 * A concept as the LLM proposed it; any field may be missing or blank.
 *
 * @param title a short name
 * @param description two to four sentences
 * @param whyItMatters one sentence
 */
public record ConceptIdea(String title, String description, String whyItMatters) {}
