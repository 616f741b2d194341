package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.recollect.domain.testing.SeededProperty;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

class DecidedBatchProperties {
    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    private static Document doc(String id, Map<String, Object> fields) {
        return new Document(id, fields, T);
    }

    @Example
    void documentsAreSortedIntoChangesPromotionsAndFailuresInOrder() {
        Document a = doc("a", Map.of("topic", "x", "n", 1));
        Document b = doc("b", Map.of("n", 2));
        Document c = doc("c", Map.of("n", 3));
        Document d = doc("d", Map.of("n", 4));
        Map<String, Object> question = new HashMap<>(Map.of(
                "userId",
                "u",
                "question",
                "Why is it so?",
                "type",
                "true-false",
                "options",
                List.of("True", "False"),
                "correctAnswer",
                "True"));
        Document q = doc("q", question);

        DecidedBatch batch = DecidedBatch.of(List.of(a, b, c, d, q), document -> switch (document.id()) {
            case "a" -> new Decision.Update(
                    document.without("topic").with("n", 10).with("new", true));
            case "b" -> new Decision.Skip("alreadyMigrated");
            case "c" -> new Decision.Fail("bad c");
            case "q" -> LegacyQuestions.migration().decide(document);
            default -> new Decision.Update(document);
        });

        assertThat(batch.stats()).isEqualTo(new BatchStats(5, 3, Map.of("alreadyMigrated", 1), 1));
        assertThat(batch.failures()).containsExactly(new RecordFailure("c", "bad c"));
        assertThat(batch.changes()).extracting(ch -> ch.after().id()).containsExactly("a", "d");
        DecidedBatch.Change change = batch.changes().get(0);
        assertThat(change.removedKeys()).containsExactly("topic");
        assertThat(change.setFields()).containsOnly(Map.entry("n", 10L), Map.entry("new", true));
        assertThat(batch.changes().get(1).setFields()).isEmpty();
        assertThat(batch.changes().get(1).removedKeys()).isEmpty();
        assertThat(batch.promotions()).containsOnlyKeys("q");
        assertThatIllegalArgumentException().isThrownBy(() -> new DecidedBatch.Change(a, b));
    }

    /**
     * A change is sent as the keys it removes and the fields it sets, and that is enough: removing those keys from
     * the document before and setting those fields gives the document after, exactly.
     */
    @SeededProperty
    void aChangeRebuildsTheDocumentFromWhatItRemovesAndSets(
            @ForAll("fields") Map<String, Object> before, @ForAll("fields") Map<String, Object> after) {
        Document from = doc("x", before);
        Document to = doc("x", after);
        DecidedBatch.Change change = new DecidedBatch.Change(from, to);
        Map<String, Object> rebuilt = new HashMap<>(from.fields());
        change.removedKeys().forEach(rebuilt::remove);
        rebuilt.putAll(change.setFields());
        assertThat(rebuilt).isEqualTo(to.fields());
        assertThat(change.removedKeys()).allSatisfy(key -> assertThat(after).doesNotContainKey(key));
    }

    @Provide
    Arbitrary<Map<String, Object>> fields() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3).map(Object.class::cast),
                Arbitraries.of("x", "y").map(Object.class::cast),
                Arbitraries.of(true).map(Object.class::cast));
        return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d", "topic"), values)
                .ofMaxSize(5);
    }
}
