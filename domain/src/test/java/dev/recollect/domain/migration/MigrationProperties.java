package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.testing.SeededProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The result contract's status rule, the stats arithmetic, and the built-in migrations' idempotence. */
class MigrationProperties {
    private static final Instant IMPORTED = Instant.parse("2026-11-01T10:00:00Z");

    @SeededProperty
    void theStatusRuleFollowsErrorsAndAppliedDocuments(
            @ForAll @IntRange(max = 50) int updated,
            @ForAll @IntRange(max = 50) int skipped,
            @ForAll @IntRange(max = 250) int errors,
            @ForAll @IntRange(max = 2) int givenUp,
            @ForAll boolean dryRun) {
        BatchStats stats = new BatchStats(
                updated + skipped + errors,
                updated,
                skipped == 0 ? Map.of() : Map.of("alreadyMigrated", skipped),
                errors);
        List<RecordFailure> failures = new ArrayList<>();
        for (int i = 0; i < errors; i++) {
            failures.add(new RecordFailure("doc" + i, "bad"));
        }

        RunResult result = RunResult.of("m", dryRun, stats, failures, givenUp);

        RunResult.Status expected = givenUp > 0 || (errors > 0 && updated == 0)
                ? RunResult.Status.FAILED
                : errors > 0 ? RunResult.Status.PARTIAL : RunResult.Status.COMPLETED;
        assertThat(result.status()).isEqualTo(expected);
        assertThat(result.failures()).hasSize(Math.min(errors, RunResult.MAX_FAILURES));
        assertThat(result.failures().size() + result.moreFailures()).isEqualTo(errors);
        assertThat(result.dryRun()).isEqualTo(dryRun);
        assertThat(result.message()).startsWith(dryRun ? "Dry run: would update " + updated : "Updated " + updated);
    }

    @Example
    void theReferencesInvertedCasesComeOutRight() {
        BatchStats oneOfEach = new BatchStats(2, 1, Map.of(), 1);
        assertThat(RunResult.of("m", false, oneOfEach, List.of(new RecordFailure("a", "x")), 0)
                        .status())
                .isEqualTo(RunResult.Status.PARTIAL);
        BatchStats allFailed = new BatchStats(2, 0, Map.of(), 2);
        assertThat(RunResult.of("m", false, allFailed, List.of(), 0).status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(RunResult.of("m", false, BatchStats.NONE, List.of(), 0).status())
                .isEqualTo(RunResult.Status.COMPLETED);
        assertThat(RunResult.Status.PARTIAL.wireName()).isEqualTo("partial");
        assertThat(RunResult.of("m", false, BatchStats.NONE, List.of(), 1).message())
                .contains("1 batches gave up");
    }

    @SeededProperty
    void statsAddUp(@ForAll("decisions") List<Decision> decisions) {
        BatchStats one = BatchStats.NONE;
        for (Decision decision : decisions) {
            one = one.plus(decision);
        }
        int half = decisions.size() / 2;
        BatchStats first = BatchStats.NONE;
        BatchStats second = BatchStats.NONE;
        for (int i = 0; i < decisions.size(); i++) {
            if (i < half) {
                first = first.plus(decisions.get(i));
            } else {
                second = second.plus(decisions.get(i));
            }
        }
        assertThat(first.plus(second)).isEqualTo(one);
        assertThat(one.processed()).isEqualTo(decisions.size());
        assertThat(one.updated()).isEqualTo((int)
                decisions.stream().filter(Decision.Update.class::isInstance).count());
        assertThat(one.errors()).isEqualTo((int)
                decisions.stream().filter(Decision.Fail.class::isInstance).count());
        assertThat(one.skippedTotal()).isEqualTo(one.processed() - one.updated() - one.errors());
    }

    @Provide
    Arbitrary<List<Decision>> decisions() {
        Document doc = new Document("d", Map.of(), IMPORTED);
        return Arbitraries.<Decision>oneOf(
                        Arbitraries.just(new Decision.Update(doc)),
                        Arbitraries.of("alreadyMigrated", "missingSessionContext")
                                .map(Decision.Skip::new),
                        Arbitraries.just(new Decision.Fail("bad")))
                .list()
                .ofMaxSize(30);
    }

    @SeededProperty
    void builtInMigrationsAreIdempotent(@ForAll("documents") Document document) {
        for (DocumentMigration migration : BuiltInMigrations.all()) {
            Decision first = migration.decide(document);
            if (first instanceof Decision.Update update) {
                assertThat(migration.decide(update.changed())).isInstanceOf(Decision.Skip.class);
                assertThat(update.changed().id()).isEqualTo(document.id());
            }
            // A promotion is idempotent by its ids: deciding again promotes the very same rows.
            if (first instanceof Decision.Promote) {
                assertThat(migration.decide(document)).isEqualTo(first);
            }
        }
    }

    /**
     * A run's result lists its first hundred failures and counts the rest; it failed when batches gave up or nothing
     * was updated among failures, is partial when some documents failed, and completed otherwise.
     */
    @SeededProperty
    void aRunResultListsAHundredFailuresAndCountsTheRest(
            @ForAll @IntRange(min = 0, max = 105) int failed,
            @ForAll @IntRange(min = 0, max = 3) int extraErrors,
            @ForAll @IntRange(min = 0, max = 5) int updated,
            @ForAll @IntRange(min = 0, max = 2) int gaveUp) {
        List<RecordFailure> failures = new java.util.ArrayList<>();
        for (int i = 0; i < failed; i++) {
            failures.add(new RecordFailure("d" + i, "bad"));
        }
        int errors = failed + extraErrors;
        BatchStats stats = new BatchStats(updated + errors, updated, Map.of(), errors);
        RunResult result = RunResult.of("m", false, stats, failures, gaveUp);
        assertThat(result.failures()).hasSize(Math.min(failed, RunResult.MAX_FAILURES));
        assertThat(result.moreFailures()).isEqualTo(errors - result.failures().size());
        RunResult.Status expected = gaveUp > 0 || (errors > 0 && updated == 0)
                ? RunResult.Status.FAILED
                : errors > 0 ? RunResult.Status.PARTIAL : RunResult.Status.COMPLETED;
        assertThat(result.status()).isEqualTo(expected);
    }

    /** Stats add up: a count is never negative, and what was processed is what was updated, skipped or failed. */
    @SeededProperty
    void statsMustAddUp(
            @ForAll @IntRange(min = -3, max = 30) int processed,
            @ForAll @IntRange(min = -3, max = 10) int updated,
            @ForAll @IntRange(min = 0, max = 10) int skipped,
            @ForAll @IntRange(min = -3, max = 10) int errors) {
        Map<String, Integer> reasons = skipped == 0 ? Map.of() : Map.of("alreadyMigrated", skipped);
        boolean addsUp = processed >= 0 && updated >= 0 && errors >= 0 && processed == updated + skipped + errors;
        if (addsUp) {
            assertThat(new BatchStats(processed, updated, reasons, errors).processed())
                    .isEqualTo(processed);
        } else {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BatchStats(processed, updated, reasons, errors))
                    .withMessageStartingWith("processed must be updated + skipped + errors");
        }
    }

    /**
     * Removing a field tests its presence, not its value: a document that has it (even as null) is updated to the
     * same document without it; one that has not is skipped as already migrated.
     */
    @SeededProperty
    void fieldRemovalTestsPresenceNotValue(@ForAll("documents") Document document, @ForAll("fieldNames") String field) {
        DocumentMigration removal = BuiltInMigrations.removeField("remove-" + field, "questions", field);
        Decision decision = removal.decide(document);
        assertThat(document.has(field)).isEqualTo(document.fields().containsKey(field));
        assertThat(removal.name()).isEqualTo("remove-" + field);
        if (document.fields().containsKey(field)) {
            assertThat(decision).isEqualTo(new Decision.Update(document.without(field)));
        } else {
            assertThat(decision).isEqualTo(new Decision.Skip("alreadyMigrated"));
        }
        assertThat(removal.table()).isEqualTo("questions");
        assertThat(removal.description()).contains(field);
    }

    @Provide
    Arbitrary<String> fieldNames() {
        return Arbitraries.of("difficulty", "topic", "createdAt", "context", "missing");
    }

    /**
     * A learner's createdAt is backfilled from _creationTime when it is a number, else from the import time; one
     * that has it is skipped, and a _creationTime that is not a number fails the document.
     */
    @SeededProperty
    void createdAtComesFromCreationTimeElseTheImport(@ForAll("documents") Document document) {
        DocumentMigration createdAt = BuiltInMigrations.all().get(2);
        Decision decision = createdAt.decide(document);
        Object creation = document.get("_creationTime");
        if (document.get("createdAt") != null) {
            assertThat(decision).isEqualTo(new Decision.Skip("alreadyHadCreatedAt"));
        } else if (creation != null && !(creation instanceof Number)) {
            assertThat(decision).isInstanceOf(Decision.Fail.class);
        } else {
            Object expected = creation != null ? creation : IMPORTED.toEpochMilli();
            assertThat(decision).isInstanceOfSatisfying(Decision.Update.class, update -> assertThat(
                            update.changed().get("createdAt"))
                    .isEqualTo(expected));
        }
    }

    @Provide
    Arbitrary<Document> documents() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.strings().alpha().ofMaxLength(5).map(Object.class::cast),
                Arbitraries.longs().between(0, 2_000_000_000_000L).map(Object.class::cast),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5).map(s -> (Object) Map.of("sessionId", s)));
        Arbitrary<String> keys =
                Arbitraries.of("difficulty", "topic", "createdAt", "_creationTime", "sessionId", "context", "question");
        return Combinators.combine(keys.list().ofMaxSize(6), values.list().ofSize(6))
                .as((names, vals) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        fields.put(names.get(i), vals.get(i));
                    }
                    return new Document("doc", fields, IMPORTED);
                });
    }

    @Example
    void backfillsTakeTheirValueWhereTheReferenceDid() {
        List<DocumentMigration> all = BuiltInMigrations.all();
        DocumentMigration createdAt = all.get(2);
        DocumentMigration session = all.get(3);
        assertThat(createdAt.name()).isEqualTo("backfill-user-created-at");
        assertThat(session.name()).isEqualTo("backfill-interaction-session-id");
        assertThat(createdAt.table()).isEqualTo("users");
        assertThat(session.table()).isEqualTo("interactions");
        assertThat(createdAt.description()).contains("createdAt");
        assertThat(session.description()).contains("sessionId");
        assertThat(updated(createdAt, Map.of("_creationTime", 1700000000000L)).get("createdAt"))
                .isEqualTo(1700000000000L);
        assertThat(updated(createdAt, Map.of()).get("createdAt")).isEqualTo(IMPORTED.toEpochMilli());
        assertThat(createdAt.decide(new Document("u", Map.of("createdAt", 5), IMPORTED)))
                .isEqualTo(new Decision.Skip("alreadyHadCreatedAt"));
        assertThat(createdAt.decide(new Document("u", Map.of("_creationTime", "soon"), IMPORTED)))
                .isInstanceOf(Decision.Fail.class);
        assertThat(updated(session, Map.of("context", Map.of("sessionId", "s-1")))
                        .get("sessionId"))
                .isEqualTo("s-1");
        assertThat(session.decide(new Document("i", Map.of("context", Map.of()), IMPORTED)))
                .isEqualTo(new Decision.Skip("missingSessionContext"));
        assertThat(session.decide(new Document("i", Map.of(), IMPORTED)))
                .isEqualTo(new Decision.Skip("missingSessionContext"));
        assertThat(session.decide(new Document("i", Map.of("sessionId", "x"), IMPORTED)))
                .isEqualTo(new Decision.Skip("alreadyHadSessionId"));
        assertThat(session.decide(new Document("i", Map.of("context", Map.of("sessionId", 7)), IMPORTED)))
                .isInstanceOf(Decision.Fail.class);
        assertThat(session.decide(new Document("i", Map.of("context", Map.of("sessionId", " ")), IMPORTED)))
                .isInstanceOf(Decision.Fail.class);
    }

    private static Document updated(DocumentMigration migration, Map<String, Object> fields) {
        return ((Decision.Update) migration.decide(new Document("x", fields, IMPORTED))).changed();
    }

    @Example
    void valuesAreChecked() {
        assertThatThrownBy(() -> new Decision.Skip(null)).hasMessage("reason");
        assertThatThrownBy(() -> new Decision.Fail(null)).hasMessage("error");
        assertThatThrownBy(() -> new Decision.Update(null)).hasMessage("changed");
        assertThatThrownBy(() -> new RecordFailure(null, "e")).hasMessage("recordId");
        assertThatThrownBy(() -> new KeyRange("a", null)).hasMessage("upTo");
        assertThat(new KeyRange(null, "b").then("c")).isEqualTo(new KeyRange("b", "c"));
        assertThat(BatchState.fromWireName("retry")).isEqualTo(BatchState.RETRY);
        assertThat(BatchState.PROCESSING.wireName()).isEqualTo("processing");
        Instant t = IMPORTED;
        java.util.UUID run = new java.util.UUID(0, 7);
        MigrationBatch claimed =
                MigrationBatch.pending(run, 0, new KeyRange(null, "k")).claim("w", t, java.time.Duration.ofMinutes(1));
        MigrationBatch done = claimed.complete(BatchStats.NONE, List.of(), t);
        assertThat(claimed.heldBy("w")).isTrue();
        assertThat(done.heldBy("w")).isFalse();
        assertThat(done.worker()).isEqualTo("w");
        MigrationBatch retryAnytime = new MigrationBatch(
                run,
                1,
                new KeyRange(null, "k"),
                BatchState.RETRY,
                1,
                "e",
                BatchStats.NONE,
                List.of(),
                "w",
                null,
                null,
                t,
                null,
                t);
        assertThat(retryAnytime.claimable(t)).isTrue();
        MigrationBatch leaseless = new MigrationBatch(
                run,
                1,
                new KeyRange(null, "k"),
                BatchState.PROCESSING,
                0,
                null,
                BatchStats.NONE,
                List.of(),
                "w",
                null,
                null,
                t,
                null,
                null);
        assertThat(leaseless.claimable(t)).isTrue();
        MigrationRun planned = new MigrationRun(run, "m", "t", false, 10, 5, t, null);
        assertThat(planned.finished(t.plusSeconds(1)).finishedAt()).isEqualTo(t.plusSeconds(1));
        assertThat(planned.finished(t.plusSeconds(1)).name()).isEqualTo("m");
    }

    /**
     * A document holds its numbers in one form, whole numbers as {@code Long} and others as {@code Double}, at any depth,
     * so that a document read by a JSON parser that gives {@code Integer} equals the same document written with
     * {@code Long}: the in-memory ledger and PostgreSQL's once read back unequal documents.
     */
    @SeededProperty
    void numbersAreKeptInOneFormAtAnyDepth(@ForAll int whole, @ForAll float fraction, @ForAll boolean nested) {
        Map<String, Object> asParsed = new LinkedHashMap<>();
        asParsed.put("n", nested ? Map.of("inner", List.of(whole)) : whole);
        asParsed.put("short", (short) whole);
        asParsed.put("byte", (byte) whole);
        asParsed.put("big", java.math.BigInteger.valueOf(whole));
        asParsed.put("f", fraction);
        asParsed.put("none", null);
        Map<String, Object> asWritten = new LinkedHashMap<>();
        asWritten.put("n", nested ? Map.of("inner", List.of((long) whole)) : (long) whole);
        asWritten.put("short", (long) (short) whole);
        asWritten.put("byte", (long) (byte) whole);
        asWritten.put("big", (long) whole);
        asWritten.put("f", (double) fraction);
        asWritten.put("none", null);
        Instant at = Instant.EPOCH;

        Document parsed = new Document("k", asParsed, at);

        assertThat(parsed).isEqualTo(new Document("k", asWritten, at));
        assertThat(parsed.get("short")).isInstanceOf(Long.class);
        assertThat(parsed.get("byte")).isInstanceOf(Long.class);
        assertThat(parsed.get("f")).isInstanceOf(Double.class);
        assertThat(parsed.with("m", 3).get("m")).isEqualTo(3L);
        assertThat(new Document("k", Map.of("huge", java.math.BigInteger.TWO.pow(70)), at).get("huge"))
                .isEqualTo(java.math.BigInteger.TWO.pow(70));
    }
}
