package dev.recollect.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.migration.BatchState;
import dev.recollect.domain.migration.Decision;
import dev.recollect.domain.migration.Document;
import dev.recollect.domain.migration.MigrationBatch;
import dev.recollect.domain.migration.MigrationRun;
import dev.recollect.domain.migration.RunControl;
import dev.recollect.ports.out.MigrationLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The migration ledger as a stateful property: two workers claim, process and fail the batches of one run in any
 * order while time passes (leases run out, retries come due) and an operator forces failed batches back, pauses and
 * resumes the run; after every step the ledger holds exactly what the domain's batch and run rules say (state, holder,
 * lease, retry count and time, error; the run's control), a claim takes the lowest claimable batch and nothing while
 * the run is paused, a batch claimed before a pause is still processed, and a worker that does not hold a batch can
 * neither process nor fail it. (Cancelling is pausing for good; {@code MigrationSteeringProperties} has it.)
 * Subclasses give the ledger and declare the property with the tries they can afford: {@code check(chain)} over
 * {@code chains(steps)}.
 */
public abstract class MigrationLedgerProperties {
    /** The claim's lease: short, so that chains reach its end. */
    static final Duration LEASE = Duration.ofMinutes(1);

    private static final int DOCUMENTS = 12;
    private static final int BATCH_SIZE = 3;

    /** The ledger under test; it may hold other runs, which the chain never touches. */
    public abstract MigrationLedger ledger();

    /** Runs {@code chain}, checking the ledger against the model after every step. */
    protected void check(ActionChain<World> chain) {
        chain.withInvariant(World::matchesTheModel).run();
    }

    /** Chains of up to {@code steps} actions on a run of their own. */
    protected Arbitrary<ActionChain<World>> chains(int steps) {
        return ActionChain.startWith(() -> new World(ledger()))
                .withAction(
                        4,
                        on(
                                Arbitraries.of("w1", "w2"),
                                worker -> Transformer.mutate(worker + " claims", world -> world.claim(worker))))
                .withAction(
                        3,
                        on(
                                Arbitraries.of("w1", "w2"),
                                worker -> Transformer.mutate(
                                        worker + " processes what it holds", world -> world.process(worker))))
                .withAction(
                        2,
                        on(
                                Arbitraries.of("w1", "w2"),
                                worker -> Transformer.mutate(
                                        worker + " fails what it holds", world -> world.fail(worker))))
                .withAction(
                        1,
                        on(
                                Arbitraries.integers().between(0, DOCUMENTS / BATCH_SIZE - 1),
                                seq -> Transformer.mutate(
                                        "a worker that does not hold batch " + seq + " tries it",
                                        world -> world.intrude(seq))))
                .withAction(1, on(Arbitraries.just(0), any -> Transformer.mutate("force retry", World::forceRetry)))
                .withAction(
                        1,
                        on(
                                Arbitraries.of(MigrationRun.Steer.PAUSE, MigrationRun.Steer.RESUME),
                                steer -> Transformer.mutate(
                                        "an operator asks to " + steer, world -> world.steer(steer))))
                .withAction(
                        3,
                        on(
                                Arbitraries.of(1L, 30L, 61L, 300L, 3600L),
                                seconds -> Transformer.mutate(
                                        seconds + " s pass", world -> world.now = world.now.plusSeconds(seconds))))
                .withMaxTransformations(steps);
    }

    private static <T> Action.Independent<World> on(Arbitrary<T> values, Function<T, Transformer<World>> transformer) {
        return () -> values.map(transformer);
    }

    /** One run of a table of its own, and the model of its batches. */
    public static final class World {
        final MigrationLedger ledger;
        MigrationRun run;
        final Map<Integer, MigrationBatch> model = new LinkedHashMap<>();
        Instant now = Fixtures.T0;

        World(MigrationLedger ledger) {
            this.ledger = ledger;
            String table = "t_" + UUID.randomUUID().toString().replace("-", "");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                documents.add(new Document(String.format("k%03d", i), Map.of("topic", "t" + i), Fixtures.T0));
            }
            ledger.importDocuments(table, documents);
            this.run =
                    new MigrationRun(UUID.randomUUID(), "remove-topic", table, false, BATCH_SIZE, DOCUMENTS, now, null);
            ledger.createRun(run);
            ledger.seed(run);
            ledger.batches(run.id()).forEach(batch -> model.put(batch.seq(), batch));
            assertThat(model).hasSize(DOCUMENTS / BATCH_SIZE);
            assertThat(model.values()).allSatisfy(b -> assertThat(b.state()).isEqualTo(BatchState.PENDING));
        }

        void claim(String worker) {
            Optional<MigrationBatch> expected = model.values().stream()
                    .filter(batch -> run.control() == RunControl.RUNNING && batch.claimable(now))
                    .findFirst()
                    .map(batch -> batch.claim(worker, now, LEASE));
            Optional<MigrationBatch> claimed = ledger.claim(run.id(), worker, LEASE, now);
            assertThat(claimed.map(MigrationBatch::seq)).isEqualTo(expected.map(MigrationBatch::seq));
            expected.ifPresent(batch -> model.put(batch.seq(), batch));
        }

        Optional<MigrationBatch> heldBy(String worker) {
            return model.values().stream().filter(batch -> batch.heldBy(worker)).findFirst();
        }

        void process(String worker) {
            Optional<MigrationBatch> held = heldBy(worker);
            held.ifPresent(batch -> {
                Optional<MigrationBatch> done =
                        ledger.process(batch, worker, false, World::removeTopic, Clock.fixed(now, ZoneOffset.UTC));
                assertThat(done).as("the holder processes its batch").isPresent();
                assertThat(done.get().stats().processed()).isEqualTo(BATCH_SIZE);
                model.put(
                        batch.seq(),
                        batch.complete(done.get().stats(), done.get().failures(), now));
            });
        }

        void fail(String worker) {
            heldBy(worker).ifPresent(batch -> {
                assertThat(ledger.fail(run.id(), batch.seq(), worker, "boom", now))
                        .isPresent();
                model.put(batch.seq(), batch.fail("boom", now));
            });
        }

        /** A worker that does not hold the batch (an intruder, or a holder whose claim was taken over) writes nothing. */
        void intrude(int seq) {
            MigrationBatch batch = model.get(seq);
            String intruder = "intruder";
            assertThat(ledger.process(batch, intruder, false, World::removeTopic, Clock.fixed(now, ZoneOffset.UTC)))
                    .isEmpty();
            assertThat(ledger.fail(run.id(), seq, intruder, "not mine", now)).isEmpty();
        }

        void steer(MigrationRun.Steer steer) {
            MigrationRun expected = run.steer(steer).run();
            Optional<MigrationRun> stored =
                    ledger.updateRun(run.id(), found -> found.steer(steer).run());
            assertThat(stored).contains(expected);
            run = expected;
        }

        void forceRetry() {
            long failed = model.values().stream()
                    .filter(batch -> batch.state() == BatchState.FAILED)
                    .count();
            assertThat(ledger.forceRetry(run.id())).isEqualTo((int) failed);
            model.replaceAll((seq, batch) -> batch.forceRetry());
        }

        void matchesTheModel() {
            assertThat(ledger.findRun(run.id())).contains(run);
            List<MigrationBatch> stored = ledger.batches(run.id());
            assertThat(stored).hasSameSizeAs(model.values());
            for (MigrationBatch actual : stored) {
                MigrationBatch expected = model.get(actual.seq());
                assertThat(actual.state()).as("batch %d's state", actual.seq()).isEqualTo(expected.state());
                assertThat(actual.worker())
                        .as("batch %d's worker", actual.seq())
                        .isEqualTo(expected.worker());
                assertThat(actual.retryCount())
                        .as("batch %d's retries", actual.seq())
                        .isEqualTo(expected.retryCount());
                assertThat(actual.leaseUntil())
                        .as("batch %d's lease", actual.seq())
                        .isEqualTo(expected.leaseUntil());
                assertThat(actual.retryAfter())
                        .as("batch %d's retry time", actual.seq())
                        .isEqualTo(expected.retryAfter());
                assertThat(actual.error()).as("batch %d's error", actual.seq()).isEqualTo(expected.error());
                assertThat(actual.range()).isEqualTo(expected.range());
            }
        }

        private static Decision removeTopic(Document document) {
            return document.has("topic")
                    ? new Decision.Update(document.without("topic"))
                    : new Decision.Skip("alreadyMigrated");
        }
    }

    /** The default property's chains. */
    @Provide
    protected Arbitrary<ActionChain<World>> chains() {
        return chains(30);
    }
}
