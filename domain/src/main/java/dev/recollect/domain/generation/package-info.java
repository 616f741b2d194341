/**
 * What the LLM proposes and what is kept: concept ideas and generated phrasings, filtered, deduplicated and
 * counted exactly as the reference app does (with its option-count gap fixed), and the thin and conflict scores of
 * a concept.
 */
package dev.recollect.domain.generation;
