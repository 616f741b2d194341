package dev.recollect.ports.out;

import dev.recollect.domain.generation.GeneratedPhrasing;
import java.util.List;
import java.util.Objects;

/** The LLM that writes question phrasings for a concept, streaming them as they are written. */
public interface PhrasingGenerator {
    /**
     * Asks for {@code request.count()} phrasings and hands each to {@code sink} as soon as it is complete. Stops
     * early, without error, when the sink returns {@code false}.
     *
     * @param request what to write about
     * @param sink takes each phrasing as it arrives
     * @param calls hears about the call (or calls) made, with the tokens they used, even when one fails
     * @throws LlmException when the provider fails; items already handed to the sink stay handed
     */
    void generate(Request request, Sink sink, LlmCall.Listener calls);

    /** Receives phrasings as they arrive. */
    @FunctionalInterface
    interface Sink {
        /** Takes one phrasing; returns whether to keep going. */
        boolean accept(GeneratedPhrasing phrasing);
    }

    /**
     * What to write about.
     *
     * @param conceptTitle the concept's title
     * @param conceptDescription its description
     * @param existingQuestions questions it already has, which must not be repeated
     * @param count how many phrasings to write
     */
    record Request(String conceptTitle, String conceptDescription, List<String> existingQuestions, int count) {
        /** Copies the list. */
        public Request {
            Objects.requireNonNull(conceptTitle, "conceptTitle");
            existingQuestions = List.copyOf(existingQuestions);
        }
    }
}
