package dev.recollect.cli.app.offline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.generation.ConceptIdea;
import dev.recollect.domain.generation.GeneratedPhrasing;
import dev.recollect.ports.out.ConceptSynthesizer;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.LanguageModels;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.LlmException;
import dev.recollect.ports.out.PhrasingGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A deterministic stand-in for the LLM: hand-written concepts and phrasings for a few topics, bundled in the jar.
 * It lets the demo and a first try run on a machine with no API key and no network; it is sample content, and says
 * so.
 */
public final class OfflineModel implements ConceptSynthesizer, PhrasingGenerator, LanguageModels {
    private final Library library;

    private OfflineModel(Library library) {
        this.library = library;
    }

    /** The bundled sample content. */
    public static OfflineModel bundled() {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = OfflineModel.class.getResourceAsStream("/offline/topics.json")) {
            if (in == null) {
                throw new IllegalStateException("the offline sample content is missing from the jar");
            }
            return new OfflineModel(json.readValue(in, Library.class));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the offline sample content", e);
        }
    }

    /** What the output says about itself. */
    public String notice() {
        return library.notice();
    }

    /** The topics it knows. */
    public List<String> topics() {
        return library.topics().stream().map(Topic::name).toList();
    }

    /** Makes no call to any provider, so reports none to {@code calls}: its jobs cost no tokens. */
    @Override
    public List<ConceptIdea> synthesize(String prompt, LlmCall.Listener calls) {
        Topic topic = topicFor(prompt)
                .orElseThrow(() -> new LlmException(
                        new ProviderFailure.Misconfigured("the offline sample model only knows these topics: "
                                + String.join(", ", topics()) + "; set GEMINI_API_KEY to study anything else")));
        return topic.concepts().stream()
                .map(c -> new ConceptIdea(c.title(), c.description(), c.whyItMatters()))
                .toList();
    }

    /** Makes no call to any provider, so reports none to {@code calls}: its jobs cost no tokens. */
    @Override
    public void generate(Request request, Sink sink, LlmCall.Listener calls) {
        Set<String> existing = new HashSet<>();
        request.existingQuestions().forEach(q -> existing.add(q.strip().toLowerCase(Locale.ROOT)));
        Optional<SampleConcept> concept = library.topics().stream()
                .flatMap(t -> t.concepts().stream())
                .filter(c -> c.title().equalsIgnoreCase(request.conceptTitle().strip()))
                .findFirst();
        if (concept.isEmpty()) {
            throw new LlmException(new ProviderFailure.Misconfigured(
                    "the offline sample model has no phrasings for \"" + request.conceptTitle() + "\""));
        }
        int sent = 0;
        for (GeneratedPhrasing phrasing : concept.get().phrasings()) {
            if (sent == request.count()) {
                return;
            }
            if (existing.contains(phrasing.question().strip().toLowerCase(Locale.ROOT))) {
                continue;
            }
            sent++;
            if (!sink.accept(phrasing)) {
                return;
            }
        }
    }

    private Optional<Topic> topicFor(String prompt) {
        String text = prompt.toLowerCase(Locale.ROOT);
        return library.topics().stream()
                .filter(t -> t.keywords().stream().anyMatch(text::contains))
                .findFirst();
    }

    record Library(String notice, List<Topic> topics) {}

    record Topic(String name, List<String> keywords, List<SampleConcept> concepts) {}

    record SampleConcept(String title, String description, String whyItMatters, List<GeneratedPhrasing> phrasings) {}

    @Override
    public ConceptSynthesizer conceptSynthesizer() {
        return this;
    }

    @Override
    public PhrasingGenerator phrasingGenerator() {
        return this;
    }

    /** None: the sample content needs no deduplication by meaning. */
    @Override
    public Optional<Embedder> embedder() {
        return Optional.empty();
    }

    @Override
    public String description() {
        return "offline sample model (" + String.join(", ", topics()) + ")";
    }
}
