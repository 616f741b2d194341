package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecidedBatchTest {
    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    private static Document doc(String id, Map<String, Object> fields) {
        return new Document(id, fields, T);
    }

    @Test
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
        assertThat(change.setFields()).containsOnly(Map.entry("n", 10), Map.entry("new", true));
        assertThat(batch.changes().get(1).setFields()).isEmpty();
        assertThat(batch.changes().get(1).removedKeys()).isEmpty();
        assertThat(batch.promotions()).containsOnlyKeys("q");
        assertThatIllegalArgumentException().isThrownBy(() -> new DecidedBatch.Change(a, b));
    }
}
