package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.testing.SeededProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * A run's scope: keys compare as the database's bytes do; a scope includes a document exactly when its key and its
 * numeric creation time are within the bounds; a scope that contains another includes every document the other does,
 * which is what lets a completed run's coverage skip a new one.
 */
class RunScopeProperties {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("a", "b", "z", "A", "0", "é", "\uFF21", "\uD83D\uDE00")
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<RunScope> scopes() {
        Arbitrary<Instant> time = Arbitraries.longs().between(0, 20).map(n -> Instant.ofEpochMilli(1000L * n));
        return Combinators.combine(
                        keys().injectNull(0.4), keys().injectNull(0.4), time.injectNull(0.4), time.injectNull(0.4))
                .as((a, b, t1, t2) -> {
                    boolean keysInOrder = a == null || b == null || RunScope.compareKeys(a, b) <= 0;
                    boolean timesInOrder = t1 == null || t2 == null || t1.isBefore(t2);
                    return new RunScope(
                            keysInOrder ? a : b, keysInOrder ? b : a, timesInOrder ? t1 : null, timesInOrder ? t2 : t1);
                });
    }

    @Provide
    Arbitrary<Document> documents() {
        Arbitrary<Object> created = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 21_000).map(n -> (Object) n),
                Arbitraries.doubles().between(0, 21_000).map(d -> (Object) d),
                Arbitraries.just((Object) "2024-01-01"));
        return Combinators.combine(keys(), created.injectNull(0.1)).as((key, time) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (time != null) {
                fields.put("_creationTime", time);
            }
            return new Document(key, fields, T0);
        });
    }

    @SeededProperty
    void keysCompareAsTheirUtf8Bytes(@ForAll("keys") String a, @ForAll("keys") String b) {
        int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        assertThat(Integer.signum(RunScope.compareKeys(a, b))).isEqualTo(Integer.signum(bytes));
    }

    @SeededProperty
    void aScopeIncludesExactlyTheDocumentsWithinItsBounds(
            @ForAll("scopes") RunScope scope, @ForAll("documents") Document document) {
        String key = document.id();
        Object created = document.get("_creationTime");
        boolean keyIn = (scope.fromKey() == null || RunScope.compareKeys(key, scope.fromKey()) >= 0)
                && (scope.toKey() == null || RunScope.compareKeys(key, scope.toKey()) <= 0);
        boolean timeIn = !scope.boundsCreation()
                || (created instanceof Number n
                        && (scope.createdFrom() == null
                                || n.doubleValue() >= scope.createdFrom().toEpochMilli())
                        && (scope.createdTo() == null
                                || n.doubleValue() < scope.createdTo().toEpochMilli()));
        assertThat(scope.includes(document)).isEqualTo(keyIn && timeIn);
        assertThat(scope.includesKey(key)).isEqualTo(keyIn);
        assertThat(RunScope.ALL.includes(document)).isTrue();
    }

    @SeededProperty
    void aScopeThatContainsAnotherIncludesEveryDocumentTheOtherDoes(
            @ForAll("scopes") RunScope outer,
            @ForAll("scopes") RunScope inner,
            @ForAll("documents") Document document) {
        if (outer.contains(inner) && inner.includes(document)) {
            assertThat(outer.includes(document)).isTrue();
        }
        assertThat(outer.contains(outer)).as("every scope contains itself").isTrue();
        assertThat(RunScope.ALL.contains(inner)).isTrue();
        assertThat(inner.contains(RunScope.ALL)).isEqualTo(inner.whole());
    }

    @Example
    void containmentByKeysAndByTimesBoundByBound() {
        Instant t10 = Instant.ofEpochMilli(10_000);
        Instant t12 = Instant.ofEpochMilli(12_000);
        Instant t15 = Instant.ofEpochMilli(15_000);
        Instant t20 = Instant.ofEpochMilli(20_000);
        RunScope keys = new RunScope("b", "d", null, null);
        assertThat(keys.contains(new RunScope("b", "d", null, null))).isTrue();
        assertThat(keys.contains(new RunScope("c", "c", null, null))).isTrue();
        assertThat(keys.contains(new RunScope("a", "c", null, null)))
                .as("starts before")
                .isFalse();
        assertThat(keys.contains(new RunScope("c", "e", null, null)))
                .as("ends after")
                .isFalse();
        assertThat(keys.contains(new RunScope(null, "c", null, null)))
                .as("open start")
                .isFalse();
        assertThat(keys.contains(new RunScope("c", null, null, null)))
                .as("open end")
                .isFalse();
        RunScope times = new RunScope(null, null, t10, t20);
        assertThat(times.contains(new RunScope(null, null, t10, t20))).isTrue();
        assertThat(times.contains(new RunScope("a", "b", t12, t15))).isTrue();
        assertThat(times.contains(new RunScope(null, null, Instant.ofEpochMilli(5_000), t15)))
                .isFalse();
        assertThat(times.contains(new RunScope(null, null, t15, Instant.ofEpochMilli(25_000))))
                .isFalse();
        assertThat(times.contains(new RunScope(null, null, null, t15))).isFalse();
        assertThat(times.contains(new RunScope(null, null, t15, null))).isFalse();
        assertThat(times.includes(new Document("k", Map.of("_creationTime", 10_000L), T0)))
                .as("from is inclusive")
                .isTrue();
        assertThat(times.includes(new Document("k", Map.of("_creationTime", 20_000L), T0)))
                .as("to is exclusive")
                .isFalse();
        assertThat(times.includes(new Document("k", Map.of("_creationTime", 19_999.5), T0)))
                .isTrue();
        assertThat(new RunScope(null, null, null, t20).boundsCreation()).isTrue();
        assertThat(new RunScope(null, null, t10, null).boundsCreation()).isTrue();
        assertThat(keys.boundsCreation()).isFalse();
        assertThat(keys.describe()).isEqualTo("keys [b .. d]");
        assertThat(new RunScope(null, "d", null, null).describe()).isEqualTo("keys [start .. d]");
        assertThat(new RunScope(null, null, null, t20).describe()).isEqualTo("created [start .. 1970-01-01T00:00:20Z)");
    }

    @Example
    void aLibraryRowIsEmbeddedByItsTextAsGenerationEmbedsIt() {
        Document phrasing = new Document("p", Map.of("question", "Why?", "explanation", "Tides."), T0);
        Document concept = new Document("c", Map.of("title", "Tides"), T0);
        assertThat(LibraryTable.PHRASINGS.embeddingText(phrasing)).isEqualTo("Why?\n\nTides.");
        assertThat(LibraryTable.CONCEPTS.embeddingText(concept)).isEqualTo("Tides\n\n");
        assertThat(LibraryTable.CONCEPTS.embeddingText(new Document("c", Map.of("description", 42L), T0)))
                .isEqualTo("\n\n42");
        assertThat(LibraryTable.PHRASINGS.tableName()).isEqualTo("library.phrasings");
        assertThat(LibraryTable.named(LibraryTable.CONCEPTS.tableName())).contains(LibraryTable.CONCEPTS);
    }

    @Example
    void emptyRangesAreRefusedAndScopesAreDescribed() {
        assertThatThrownBy(() -> new RunScope("b", "a", null, null)).hasMessage("fromKey b is after toKey a");
        assertThatThrownBy(() -> new RunScope(null, null, T0, T0))
                .hasMessage("createdFrom 2026-12-03T09:00:00Z must be before createdTo 2026-12-03T09:00:00Z");
        assertThat(new RunScope("k", null, T0, null).describe())
                .isEqualTo("keys [k .. end], created [2026-12-03T09:00:00Z .. end)");
        assertThat(RunScope.ALL.describe()).isEqualTo("the whole table");
        assertThat(new RunScope(null, null, T0.plusNanos(999_999), null).createdFrom())
                .as("whole milliseconds, as _creationTime counts")
                .isEqualTo(T0);
        assertThat(List.of(LibraryTable.named("library.phrasings"), LibraryTable.named("phrasings")))
                .containsExactly(java.util.Optional.of(LibraryTable.PHRASINGS), java.util.Optional.empty());
        assertThat(LibraryTable.isKey("00000000-0000-0000-0000-000000000001")).isTrue();
        assertThat(LibraryTable.isKey("00000000-0000-0000-0000-00000000000A"))
                .as("not canonical")
                .isFalse();
        assertThat(LibraryTable.isKey("k1")).isFalse();
    }
}
