package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.testing.ManualJobSignals;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.Proxies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * A watch reports a job's progress, not its every write: against a store that answers each read with the job's next
 * version (and signals it), the reports are exactly the versions whose progress differs from the version before.
 */
class JobWatchingProperties {
    private static final UserId ANN = new UserId("ann");

    /** One change to a job: which field, and a number to set it from. */
    record Step(int field, int value) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(0, 3))
                .as(Step::new)
                .list()
                .ofMaxSize(15);
    }

    /** The job's progress as a watcher sees it: what a report is sent for. */
    private record Progress(
            JobStatus status, JobPhase phase, int saved, int generated, Integer estimated, int concepts, int pending) {
        static Progress of(GenerationJob j) {
            return new Progress(
                    j.status(),
                    j.phase(),
                    j.questionsSaved(),
                    j.questionsGenerated(),
                    j.estimatedTotal(),
                    j.conceptIds().size(),
                    j.pendingConceptIds().size());
        }
    }

    private static List<ConceptId> concepts(int n) {
        List<ConceptId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new ConceptId(new UUID(0, i + 1)));
        }
        return ids;
    }

    /** {@code job} with one field changed by {@code step}; fields 7 to 9 are not progress. */
    private static GenerationJob apply(GenerationJob j, Step step) {
        int v = step.value();
        GenerationJob.Builder copy = j.toBuilder();
        switch (step.field()) {
            case 0 -> copy.status(v % 2 == 0 ? JobStatus.PENDING : JobStatus.PROCESSING);
            case 1 -> copy.phase(JobPhase.values()[v]);
            case 2 -> copy.questionsSaved(v);
            case 3 -> copy.questionsGenerated(v);
            case 4 -> copy.estimatedTotal(v == 0 ? null : v * 4);
            case 5 -> copy.conceptIds(concepts(v));
            case 6 -> copy.pendingConceptIds(concepts(v));
            case 7 -> copy.durationMs(v * 1000L);
            case 8 -> copy.topic("Topic " + v);
            default -> copy.attempts(j.attempts() + v);
        }
        return copy.build();
    }

    @SeededProperty
    void aWatchReportsExactlyTheVersionsWhoseProgressChanged(@ForAll("steps") List<Step> steps) throws Exception {
        PipelineHarness h = new PipelineHarness();
        GenerationJob created = h.create(ANN, "Tides");
        List<GenerationJob> versions = new ArrayList<>(List.of(created));
        for (Step step : steps) {
            versions.add(apply(versions.get(versions.size() - 1), step));
        }
        GenerationJob last = versions.get(versions.size() - 1);
        versions.add(
                last.cancel(created.createdAt().plus(Duration.ofMinutes(1))).job());
        ManualJobSignals signals = new ManualJobSignals();
        AtomicInteger reads = new AtomicInteger();
        JobStore scripted = Proxies.around(JobStore.class, h.stores.jobs(), call -> {
            if (!call.name().equals("find")) {
                return call.proceed();
            }
            GenerationJob version = versions.get(Math.min(reads.getAndIncrement(), versions.size() - 1));
            // Another job's signal too, as a store serving many jobs sends them.
            signals.changed(new JobId(new UUID(9, 9)));
            signals.changed(created.id());
            return Optional.of(version);
        });
        List<GenerationJob> reported = new ArrayList<>();

        Optional<GenerationJob> ended = new JobWatching(scripted, signals)
                .follow(new GetJob.Query(ANN.value(), created.id().toString()), reported::add);

        List<GenerationJob> expected = new ArrayList<>();
        for (GenerationJob version : versions) {
            if (expected.isEmpty() || !Progress.of(version).equals(Progress.of(expected.get(expected.size() - 1)))) {
                expected.add(version);
            }
        }
        assertThat(reported).isEqualTo(expected);
        assertThat(ended).contains(versions.get(versions.size() - 1));
        assertThat(reads.get()).isEqualTo(versions.size());
        assertThat(signals.watchers()).isZero();
    }

    /** A watch without a query is refused as invalid input before anything is read. */
    @Example
    void aQueryIsRequired() {
        PipelineHarness h = new PipelineHarness();
        JobWatching watching = new JobWatching(h.stores.jobs(), new ManualJobSignals());
        assertThatThrownBy(() -> watching.follow(null, job -> {}))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("command: must not be null");
    }
}
