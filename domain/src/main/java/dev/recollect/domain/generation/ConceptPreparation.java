package dev.recollect.domain.generation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reference app's {@code prepareConceptIdeas} and {@code concepts.createMany} filters, as pure functions.
 *
 * @param concepts the accepted concepts, in the LLM's order, at most the limit
 * @param stats what was accepted and why the rest was skipped
 */
public record ConceptPreparation(List<PreparedConcept> concepts, Stats stats) {
    /** The reference caps a job at 50 concepts. */
    public static final int MAX_CONCEPTS_PER_JOB = 50;

    /** The shortest title the reference stores. */
    public static final int MIN_STORED_TITLE_LENGTH = 5;

    static final String FALLBACK_TITLE = "Learner Concept";
    static final String FALLBACK_DESCRIPTION = "User-specified topic.";

    /**
     * Counts of one preparation.
     *
     * @param totalIdeas ideas received
     * @param accepted concepts kept
     * @param skippedEmptyTitle ideas without a title
     * @param skippedEmptyDescription ideas without a description
     * @param skippedDuplicate ideas whose title (ignoring case) came earlier
     * @param skippedOverLimit accepted concepts dropped by the per-job cap
     * @param fallbackUsed whether the single fallback concept was built because nothing else was accepted
     */
    public record Stats(
            int totalIdeas,
            int accepted,
            int skippedEmptyTitle,
            int skippedEmptyDescription,
            int skippedDuplicate,
            int skippedOverLimit,
            boolean fallbackUsed) {}

    /**
     * Filters {@code ideas}: trims, skips blank titles and descriptions and repeated titles, falls back to one
     * concept built from the first idea and the prompt when nothing survives, and keeps at most {@code limit}.
     *
     * @param fallbackPrompt the learner's prompt, used by the fallback; may be {@code null}
     */
    public static ConceptPreparation prepare(List<ConceptIdea> ideas, String fallbackPrompt, int limit) {
        List<PreparedConcept> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int emptyTitle = 0;
        int emptyDescription = 0;
        int duplicate = 0;
        for (ConceptIdea idea : ideas) {
            String title = Text.trim(idea.title());
            String description = Text.trim(idea.description());
            if (title.isEmpty()) {
                emptyTitle++;
            } else if (description.isEmpty()) {
                emptyDescription++;
            } else if (!seen.add(DedupeKey.of(title))) {
                duplicate++;
            } else {
                accepted.add(new PreparedConcept(title, description));
            }
        }
        boolean fallback = accepted.isEmpty() && !ideas.isEmpty();
        if (fallback) {
            accepted.add(fallback(ideas.get(0), fallbackPrompt));
        }
        int overLimit = Math.max(0, accepted.size() - limit);
        List<PreparedConcept> kept = List.copyOf(accepted.subList(0, accepted.size() - overLimit));
        return new ConceptPreparation(
                kept,
                new Stats(ideas.size(), kept.size(), emptyTitle, emptyDescription, duplicate, overLimit, fallback));
    }

    private static PreparedConcept fallback(ConceptIdea first, String prompt) {
        String title = firstNonEmpty(Text.trim(first.title()), Text.trim(prompt), FALLBACK_TITLE);
        String fromPrompt =
                prompt == null || prompt.isEmpty() ? "" : ("Deepening understanding of \"" + prompt + "\".").strip();
        String description = firstNonEmpty(
                Text.trim(first.description()), Text.trim(first.whyItMatters()), fromPrompt, FALLBACK_DESCRIPTION);
        return new PreparedConcept(title, description);
    }

    private static String firstNonEmpty(String... candidates) {
        for (String candidate : candidates) {
            if (!candidate.isEmpty()) {
                return candidate;
            }
        }
        throw new IllegalStateException("the last candidate is a non-empty constant");
    }

    /**
     * Which prepared concepts to create for a user: the reference's {@code createMany} drops titles shorter than 5
     * characters and titles (ignoring case) that the user already has or that came earlier in the batch.
     *
     * @param existingTitleKeys the lowercased titles among {@code candidates} that the user already has, from
     *     <em>all</em> the user's concepts
     */
    public static Selection select(List<PreparedConcept> candidates, Collection<String> existingTitleKeys) {
        Set<String> taken = new HashSet<>(existingTitleKeys);
        List<PreparedConcept> created = new ArrayList<>();
        int tooShort = 0;
        int existing = 0;
        for (PreparedConcept candidate : candidates) {
            if (Text.length(candidate.title()) < MIN_STORED_TITLE_LENGTH) {
                tooShort++;
            } else if (!taken.add(candidate.titleKey())) {
                existing++;
            } else {
                created.add(candidate);
            }
        }
        return new Selection(List.copyOf(created), tooShort, existing);
    }

    /**
     * The concepts to create and why others were not.
     *
     * @param toCreate concepts to insert, in order
     * @param skippedShortTitle candidates whose title was under 5 characters
     * @param skippedExisting candidates the user already had (or that repeated an earlier one)
     */
    public record Selection(List<PreparedConcept> toCreate, int skippedShortTitle, int skippedExisting) {}
}
