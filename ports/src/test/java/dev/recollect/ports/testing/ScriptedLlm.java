package dev.recollect.ports.testing;

import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.generation.ConceptIdea;
import dev.recollect.domain.generation.GeneratedPhrasing;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.ConceptSynthesizer;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.LanguageModels;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.LlmException;
import dev.recollect.ports.out.PhrasingGenerator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted LLM for tests: each call takes the next scripted answer, which may succeed, fail with any provider
 * failure, stream items and then fail, or run a hook between streamed items (to cancel a job mid-stream). Without a
 * script, concept calls answer three concepts about the prompt and phrasing calls answer the requested number of
 * valid phrasings. Thread-safe.
 */
public final class ScriptedLlm implements ConceptSynthesizer, PhrasingGenerator, Embedder, LanguageModels {
    private final Deque<Answer<ConceptIdea>> conceptAnswers = new ArrayDeque<>();
    private final Deque<Answer<GeneratedPhrasing>> phrasingAnswers = new ArrayDeque<>();
    private final List<String> prompts = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile ProviderFailure embedFailure;
    private volatile boolean silent;
    private int generated;
    private final java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();

    /** One scripted answer: items to hand out, an optional hook after item {@code hookAfter}, then a failure. */
    private record Answer<T>(List<T> items, int hookAfter, Runnable hook, ProviderFailure failure) {}

    /** The next concept call answers {@code ideas}. */
    public synchronized ScriptedLlm concepts(ConceptIdea... ideas) {
        conceptAnswers.add(new Answer<>(List.of(ideas), -1, null, null));
        return this;
    }

    /** The next concept call runs {@code hook} and then answers {@code ideas}. */
    public synchronized ScriptedLlm conceptsWithHook(Runnable hook, ConceptIdea... ideas) {
        conceptAnswers.add(new Answer<>(List.of(ideas), 0, hook, null));
        return this;
    }

    /** The next concept call fails with {@code failure}. */
    public synchronized ScriptedLlm conceptsFail(ProviderFailure failure) {
        conceptAnswers.add(new Answer<>(List.of(), -1, null, failure));
        return this;
    }

    /** The next phrasing call streams {@code items}. */
    public synchronized ScriptedLlm phrasings(GeneratedPhrasing... items) {
        phrasingAnswers.add(new Answer<>(List.of(items), -1, null, null));
        return this;
    }

    /** The next phrasing call streams {@code items}, then fails with {@code failure}. */
    public synchronized ScriptedLlm phrasingsThenFail(List<GeneratedPhrasing> items, ProviderFailure failure) {
        phrasingAnswers.add(new Answer<>(List.copyOf(items), -1, null, failure));
        return this;
    }

    /** The next phrasing call streams {@code items} and runs {@code hook} after the first {@code after} of them. */
    public synchronized ScriptedLlm phrasingsWithHook(List<GeneratedPhrasing> items, int after, Runnable hook) {
        phrasingAnswers.add(new Answer<>(List.copyOf(items), after, hook, null));
        return this;
    }

    /** Every embedding fails with {@code failure} from now on ({@code null} to succeed again). */
    public ScriptedLlm embeddingsFail(ProviderFailure failure) {
        this.embedFailure = failure;
        return this;
    }

    /** From now on, calls report no tokens, as a provider without usage figures would. */
    public ScriptedLlm reportingNoTokens() {
        this.silent = true;
        return this;
    }

    /** The prompts concept calls received, in order. */
    public List<String> prompts() {
        return List.copyOf(prompts);
    }

    /** How many phrasings were handed to sinks in all. */
    public int delivered() {
        return delivered.get();
    }

    /** The phrasing requests received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The model every call reports. */
    public static final String MODEL = "scripted-model";

    /** The tokens every concept call reports, whether it succeeds or fails. */
    public static final TokenUsage CONCEPT_CALL = TokenUsage.ofCall(100, 40, 10, 150);

    /** The tokens every phrasing call reports, whether it succeeds or fails. */
    public static final TokenUsage PHRASING_CALL = TokenUsage.ofCall(200, 80, 0, 280);

    @Override
    public List<ConceptIdea> synthesize(String prompt, LlmCall.Listener calls) {
        try {
            return synthesize(prompt);
        } finally {
            calls.called(new LlmCall(MODEL, silent ? TokenUsage.NONE : CONCEPT_CALL, 1));
        }
    }

    @Override
    public void generate(Request request, Sink sink, LlmCall.Listener calls) {
        try {
            generate(request, sink);
        } finally {
            calls.called(new LlmCall(MODEL, silent ? TokenUsage.NONE : PHRASING_CALL, 1));
        }
    }

    private List<ConceptIdea> synthesize(String prompt) {
        prompts.add(prompt);
        Answer<ConceptIdea> answer;
        synchronized (this) {
            answer = conceptAnswers.poll();
        }
        if (answer == null) {
            return List.of(
                    new ConceptIdea(prompt + " basics", "What " + prompt + " is.", "Foundation."),
                    new ConceptIdea(prompt + " history", "Where " + prompt + " comes from.", "Context."),
                    new ConceptIdea(prompt + " uses", "What " + prompt + " is for.", "Application."));
        }
        if (answer.hook() != null) {
            answer.hook().run();
        }
        if (answer.failure() != null) {
            throw new LlmException(answer.failure());
        }
        return answer.items();
    }

    private void generate(Request request, Sink sink) {
        requests.add(request);
        Answer<GeneratedPhrasing> answer;
        synchronized (this) {
            answer = phrasingAnswers.poll();
        }
        List<GeneratedPhrasing> items = answer == null ? valid(request) : answer.items();
        for (int i = 0; i < items.size(); i++) {
            delivered.incrementAndGet();
            boolean more = sink.accept(items.get(i));
            if (answer != null && answer.hook() != null && i + 1 == answer.hookAfter()) {
                answer.hook().run();
            }
            if (!more) {
                return;
            }
        }
        if (answer != null && answer.failure() != null) {
            throw new LlmException(answer.failure());
        }
    }

    private synchronized List<GeneratedPhrasing> valid(Request request) {
        List<GeneratedPhrasing> items = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            items.add(phrasing("Generated question " + (++generated) + " about " + request.conceptTitle() + "?"));
        }
        return items;
    }

    @Override
    public float[] embed(String text) {
        ProviderFailure failure = embedFailure;
        if (failure != null) {
            throw new LlmException(failure);
        }
        return new float[] {text.length(), 1, 0};
    }

    /** A valid true/false phrasing with {@code question}. */
    public static GeneratedPhrasing phrasing(String question) {
        return new GeneratedPhrasing(
                question, "Because that is how it works.", "true-false", List.of("True", "False"), "True");
    }

    /** A phrasing that every filter rejects (its question is too short). */
    public static GeneratedPhrasing invalidPhrasing() {
        return new GeneratedPhrasing(
                "Why?", "Because that is how it works.", "true-false", List.of("True", "False"), "True");
    }

    @Override
    public ConceptSynthesizer conceptSynthesizer() {
        return this;
    }

    @Override
    public PhrasingGenerator phrasingGenerator() {
        return this;
    }

    @Override
    public Optional<Embedder> embedder() {
        return Optional.of(this);
    }

    @Override
    public String description() {
        return "scripted model " + MODEL;
    }
}
