package dev.recollect.domain.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * What the runner relies on from the domain when it steers, paces and decides whole batches: a cancelled result says
 * what was left; a migration's default batch decision is each document's own, a throwing one failing only its
 * document; a batch needs one decision per document; small batch sizes still step.
 */
class MigrationSteeringExamples {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    @SeededProperty
    void theDefaultBatchDecisionIsEachDocumentsOwnAndAThrowFailsOnlyItsDocument(
            @ForAll @Size(max = 12) List<@IntRange(max = 2) Integer> verdicts) {
        DocumentMigration migration = DocumentMigration.of("m", "d", "t", doc -> {
            int verdict = Integer.parseInt(doc.id());
            if (verdict == 2) {
                throw new IllegalStateException("no " + doc.id());
            }
            return verdict == 0 ? new Decision.Skip("kept") : new Decision.Update(doc.with("x", 1L));
        });
        List<Document> documents = verdicts.stream()
                .map(v -> new Document(Integer.toString(v), Map.of(), T0))
                .toList();

        List<Decision> decisions = migration.decideAll(documents);

        assertThat(decisions).hasSameSizeAs(documents);
        for (int i = 0; i < documents.size(); i++) {
            Document doc = documents.get(i);
            assertThat(decisions.get(i))
                    .isEqualTo(
                            switch (verdicts.get(i)) {
                                case 0 -> new Decision.Skip("kept");
                                case 1 -> new Decision.Update(doc.with("x", 1L));
                                default -> new Decision.Fail("IllegalStateException: no 2");
                            });
        }
    }

    @Example
    void aBatchNeedsOneDecisionPerDocument() {
        Document doc = new Document("a", Map.of(), T0);
        assertThatThrownBy(() -> DecidedBatch.decided(List.of(doc), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("0 decisions for 1 documents: one each is needed");
        assertThat(DecidedBatch.decided(List.of(doc), List.of(new Decision.Skip("s")))
                        .stats()
                        .processed())
                .isEqualTo(1);
    }

    @Example
    void aCancelledResultKeepsWhatWasDoneAndSaysWhatWasLeft() {
        RunResult done = RunResult.of("m", false, BatchStats.NONE, List.of(), 0);
        RunResult cancelled = done.cancelled(3);
        assertThat(cancelled.status()).isEqualTo(RunResult.Status.CANCELLED);
        assertThat(cancelled.status().wireName()).isEqualTo("cancelled");
        assertThat(cancelled.message()).isEqualTo(done.message() + " Cancelled with 3 batches not done.");
        assertThat(cancelled.stats()).isEqualTo(done.stats());
        assertThat(RunResult.of("m", false, new BatchStats(3, 2, Map.of("s", 1), 0), List.of(), 0)
                        .message())
                .as("no batch gave up: not said")
                .isEqualTo("Updated 2 of 3 documents with m; 1 skipped, 0 failed.");
    }

    @Example
    void controlsHaveWireNamesAndAPaceMakesARunAdaptive() {
        for (RunControl control : RunControl.values()) {
            assertThat(RunControl.fromWireName(control.wireName())).isEqualTo(control);
        }
        assertThat(RunControl.PAUSED.wireName()).isEqualTo("paused");
        MigrationRun fixed = new MigrationRun(UUID.randomUUID(), "m", "t", false, 10, 0, T0, null);
        MigrationRun paced = new MigrationRun(
                fixed.id(),
                "m",
                "t",
                false,
                10,
                0,
                T0,
                null,
                RunScope.ALL,
                RunControl.RUNNING,
                new BatchPace(Duration.ofMillis(100)),
                0);
        assertThat(fixed.adaptive()).isFalse();
        assertThat(paced.adaptive()).isTrue();
        assertThatThrownBy(() -> fixed.paced(10, Double.NaN)).hasMessageContaining("msPerDocument");
    }

    @Example
    void smallSizesStillStepWhereRoundingWouldKeepThem() {
        BatchPace pace = new BatchPace(Duration.ofMillis(100));
        assertThat(pace.nextSize(3, 100 / 3.4))
                .as("ideal 3.4 rounds to 3: one more")
                .isEqualTo(4);
        assertThat(pace.nextSize(2, 100 / 1.6))
                .as("ideal 1.6 rounds to 2: one fewer")
                .isEqualTo(1);
        assertThat(pace.nextSize(1, 1000)).as("never below one").isEqualTo(1);
        assertThat(pace.nextSize(10_000, 0)).as("never above ten thousand").isEqualTo(10_000);
        assertThat(pace.nextSize(100, 0))
                .as("no measurable time: the most growth")
                .isEqualTo(120);
    }
}
