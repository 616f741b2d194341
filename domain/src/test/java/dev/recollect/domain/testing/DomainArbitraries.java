package dev.recollect.domain.testing;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.fsrs.Card;
import dev.recollect.domain.fsrs.FsrsArbitraries;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.fsrs.Scheduler;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.usage.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of the domain's values, for any module's properties (ports, adapters, and embedders' own tests through
 * the domain's test-jar). Each generates only valid values, across the whole range the domain accepts, with the edge
 * cases (astral characters, the bounds of each count) among them; see docs/architecture.md, "Shared generators".
 */
public final class DomainArbitraries {
    /** When generated jobs are created. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T09:00:00Z");

    private DomainArbitraries() {}

    /** Any UUID, the signed and unsigned halves' edges among them. */
    public static Arbitrary<UUID> uuids() {
        return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
    }

    public static Arbitrary<JobId> jobIds() {
        return uuids().map(JobId::new);
    }

    public static Arbitrary<ConceptId> conceptIds() {
        return uuids().map(ConceptId::new);
    }

    public static Arbitrary<PhrasingId> phrasingIds() {
        return uuids().map(PhrasingId::new);
    }

    /** Learner ids: 1 to 40 visible characters, accented and CJK ones and inner spaces among them. */
    public static Arbitrary<UserId> userIds() {
        return Arbitraries.strings()
                .withCharRange('!', '~')
                .withChars('é', 'ж', '中', ' ')
                .ofMinLength(1)
                .ofMaxLength(40)
                .filter(s -> s.equals(s.strip()))
                .map(UserId::new);
    }

    /** Prompts a job accepts: 3 to 200 code points of words, emoji and newlines, stripped. */
    public static Arbitrary<String> prompts() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10),
                Arbitraries.of("Photosynthesis", "NATO alphabet", "😀", "中文", "café", "x²"));
        return word.list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .map(words -> String.join(" ", words))
                .map(text -> text.length() < 3 ? text + " it" : text)
                .filter(text -> text.codePointCount(0, text.length()) <= 200);
    }

    /** The errors a job can fail with, retryable or not. */
    public static Arbitrary<JobError> jobErrors() {
        return Combinators.combine(
                        Arbitraries.of(ErrorCode.class),
                        Arbitraries.of("Network error.", "Rate limit reached.", "Blocked."),
                        Arbitraries.of(true, false))
                .as(JobError::new);
    }

    /**
     * Jobs in every state a job can reach (pending, processing with progress, completed, failed, cancelled, retried),
     * made by the job's own operations from a new one, so that each is consistent by construction.
     */
    public static Arbitrary<GenerationJob> jobs() {
        return Combinators.combine(
                        jobIds(),
                        userIds(),
                        prompts(),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(Ending.class),
                        jobErrors())
                .as((id, user, prompt, progress, ending, error) -> {
                    GenerationJob job = GenerationJob.create(id, user, prompt, null, EPOCH);
                    Instant at = EPOCH.plusSeconds(30);
                    List<ConceptId> concepts = concepts(id, 3);
                    if (progress >= 1 || ending == Ending.COMPLETED) {
                        job = job.start(at).job();
                    }
                    if (progress >= 2 || ending == Ending.COMPLETED) {
                        job = job.assignConcepts(concepts, 4).job();
                    }
                    if (progress >= 3 || ending == Ending.COMPLETED) {
                        job = job.addProgress(4, 3).job();
                    }
                    Instant end = at.plusSeconds(90);
                    return switch (ending) {
                        case NONE -> job;
                        case COMPLETED -> {
                            for (ConceptId concept : concepts) {
                                job = job.finishConcept(concept).job();
                            }
                            yield job.complete("Topic", end).job();
                        }
                        case FAILED -> job.fail(error, end).job();
                        case RETRIED -> job.fail(error, end).job().retry(true).job();
                        case CANCELLED -> job.cancel(end).job();
                    };
                });
    }

    /** How a generated job ends, if it does. */
    private enum Ending {
        NONE,
        COMPLETED,
        FAILED,
        RETRIED,
        CANCELLED
    }

    private static List<ConceptId> concepts(JobId job, int count) {
        List<ConceptId> concepts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            concepts.add(new ConceptId(new UUID(job.value().getMostSignificantBits(), i)));
        }
        return concepts;
    }

    /** A job's phases, in order. */
    public static Arbitrary<JobPhase> phases() {
        return Arbitraries.of(JobPhase.class);
    }

    /** FSRS parameters across their whole valid range (see {@link FsrsArbitraries#parameters()}). */
    public static Arbitrary<Parameters> parameters() {
        return FsrsArbitraries.parameters();
    }

    /** Cards as reviews leave them: new ones, and the last card of a random history under the default parameters. */
    public static Arbitrary<Card> cards() {
        Scheduler scheduler = new Scheduler(Parameters.defaults());
        return Arbitraries.oneOf(
                Arbitraries.just(Card.empty(FsrsArbitraries.START)),
                FsrsArbitraries.histories().map(history -> {
                    List<Card> cards = FsrsArbitraries.cards(scheduler, history);
                    return cards.get(cards.size() - 1);
                }));
    }

    /** Token usage of one or more calls, counts up to a billion. */
    public static Arbitrary<TokenUsage> tokenUsages() {
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, 1_000_000_000L);
        return Combinators.combine(Arbitraries.longs().between(1, 1000), tokens, tokens, tokens, tokens)
                .as(TokenUsage::new);
    }

    /** Imported documents of a few top-level fields: numbers, text, null and nested objects. */
    public static Arbitrary<Document> documents() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.strings().alpha().ofMaxLength(8).map(Object.class::cast),
                Arbitraries.longs().between(0, 2_000_000_000_000L).map(Object.class::cast),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5).map(s -> (Object) Map.of("sessionId", s)));
        Arbitrary<String> keys =
                Arbitraries.of("topic", "difficulty", "question", "_creationTime", "context", "userId");
        return Combinators.combine(
                        Arbitraries.integers().between(0, 99_999),
                        keys.list().ofMaxSize(5),
                        values.list().ofSize(5),
                        Arbitraries.longs().between(0, 400).map(Duration::ofDays))
                .as((n, names, vals, age) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        fields.put(names.get(i), vals.get(i));
                    }
                    return new Document(String.format("d%05d", n), fields, EPOCH.minus(age));
                });
    }

    /** Any provider failure, of every type, with any detail and, where the type carries one, any wait. */
    public static Arbitrary<ProviderFailure> providerFailures() {
        Arbitrary<String> detail = Arbitraries.strings().alpha().ofMaxLength(10);
        Arbitrary<Optional<Duration>> after =
                Arbitraries.longs().between(0, 100_000).map(Duration::ofSeconds).optional();
        return Arbitraries.oneOf(
                Combinators.combine(detail, after).as(ProviderFailure.RateLimited::new),
                Combinators.combine(detail, after).as(ProviderFailure.QuotaExhausted::new),
                detail.map(ProviderFailure.AuthenticationFailed::new),
                detail.map(ProviderFailure.Misconfigured::new),
                detail.map(ProviderFailure.Unreachable::new),
                detail.map(ProviderFailure.InvalidOutput::new),
                detail.map(ProviderFailure.ContentBlocked::new),
                detail.map(ProviderFailure.Truncated::new));
    }
}
