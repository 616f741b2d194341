package dev.recollect.domain.job;

import java.util.Locale;

/** What a processing job is doing: clarifying → concept_synthesis → phrasing_generation → finalizing. */
public enum JobPhase {
    /** Reading the prompt. */
    CLARIFYING,
    /** Asking the LLM for concepts. */
    CONCEPT_SYNTHESIS,
    /** Asking the LLM for phrasings, concept by concept. */
    PHRASING_GENERATION,
    /** Every concept is done. */
    FINALIZING;

    /** The lowercase name the reference and the CLI use. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
