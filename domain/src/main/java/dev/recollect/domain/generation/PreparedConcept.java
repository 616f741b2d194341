package dev.recollect.domain.generation;

import dev.recollect.domain.DomainException;

/**
 * A concept ready to be stored: trimmed, non-blank title and description.
 *
 * @param title the title
 * @param description the description
 */
public record PreparedConcept(String title, String description) {
    /** Both must be non-blank and trimmed. */
    public PreparedConcept {
        if (title == null || title.isBlank() || !title.equals(title.strip())) {
            throw new DomainException("title must be non-blank and trimmed, got " + title);
        }
        if (description == null || description.isBlank() || !description.equals(description.strip())) {
            throw new DomainException("description must be non-blank and trimmed, got " + description);
        }
    }

    /** The title as deduplication compares it: lowercased. */
    public String titleKey() {
        return DedupeKey.of(title);
    }
}
