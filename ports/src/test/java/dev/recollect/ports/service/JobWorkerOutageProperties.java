package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.generation.GeneratedPhrasing;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.ProcessJob;
import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.testing.Outages;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.ScriptedLlm;
import dev.recollect.ports.testing.ScriptedPipelines;
import dev.recollect.ports.testing.SequentialIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;

/**
 * A worker against a store that goes away: before it claims, and in the middle of a job after any phrasing. It waits
 * each outage out with a backoff that doubles from 250 ms up to 5 s, then resumes the job in place if it still holds
 * it, or lets it go if meanwhile its owner cancelled it or another worker took it over; nothing is saved twice.
 */
class JobWorkerOutageProperties {
    private static final int TARGET = JobPolicy.DEFAULT.phrasingsPerConcept();

    /** What happens to the job while the store is away. */
    enum Meanwhile {
        NOTHING,
        CANCELLED,
        TAKEN_OVER
    }

    /** The waits of one outage of {@code n} waits: 250 ms doubling, at most 5 s. */
    private static List<Duration> backoff(int n) {
        List<Duration> waits = new ArrayList<>();
        Duration wait = Duration.ofMillis(250);
        for (int i = 0; i < n; i++) {
            waits.add(wait);
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                    ? Duration.ofSeconds(5)
                    : wait.multipliedBy(2);
        }
        return waits;
    }

    /** A worker "w1" over {@code stores}, with the harness's LLM, clock and sleeper, reporting to {@code outcomes}. */
    static JobWorker workerOver(PipelineHarness h, Persistence stores, Consumer<ProcessJob.Outcome> outcomes) {
        JobPipeline pipeline = new JobPipeline(
                ScriptedPipelines.dependencies(
                        stores, h.llm, Optional.of(h.llm), new SequentialIds(), h.clock, h.sleeper, 7),
                Metrics.NONE);
        return new JobWorker(
                stores.jobs(),
                pipeline,
                Worker.Settings.defaults("w1"),
                h.clock,
                JobSignals.polling(h.sleeper),
                outcomes,
                h.sleeper);
    }

    @SeededProperty
    void aWorkerWaitsOutEachOutageAndResumesOnlyAJobItStillHolds(
            @ForAll @IntRange(max = 8) int claimWaits,
            @ForAll @IntRange(max = 2) int concept,
            @ForAll @IntRange(min = 1, max = 4) int after,
            @ForAll @IntRange(min = 1, max = 8) int jobWaits,
            @ForAll Meanwhile meanwhile) {
        PipelineHarness h = new PipelineHarness();
        Outages outage = new Outages();
        Persistence stores = outage.wrap(h.stores);
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        for (int c = 0; c < concept; c++) {
            final int n = c;
            h.llm.phrasings(IntStream.range(0, TARGET)
                    .mapToObj(i -> ScriptedLlm.phrasing("Concept " + n + " question number " + i + "?"))
                    .toArray(GeneratedPhrasing[]::new));
        }
        List<GeneratedPhrasing> stream = IntStream.range(0, TARGET)
                .mapToObj(i -> ScriptedLlm.phrasing("Concept " + concept + " question number " + i + "?"))
                .toList();
        h.llm.phrasingsWithHook(stream, after, () -> outage.down(true));
        outage.down(claimWaits > 0);
        AtomicInteger waited = new AtomicInteger();
        h.sleeper.onSleep(() -> {
            int n = waited.incrementAndGet();
            if (n == claimWaits) {
                outage.down(false);
            } else if (n == claimWaits + jobWaits) {
                var now = h.clock.instant();
                switch (meanwhile) {
                    case NOTHING -> {}
                    case CANCELLED -> h.stores.jobs().transition(job.id(), j -> j.cancel(now));
                    case TAKEN_OVER -> h.stores.jobs().transition(job.id(), j -> j.start(now));
                }
                outage.down(false);
            }
        });
        List<ProcessJob.Outcome> outcomes = new CopyOnWriteArrayList<>();
        JobWorker worker = workerOver(h, stores, outcomes::add);

        int processed;
        try (worker) {
            processed = worker.runUntilIdle();
        }

        assertThat(processed).isEqualTo(1);
        List<Duration> expected = new ArrayList<>(backoff(claimWaits));
        expected.addAll(backoff(jobWaits));
        assertThat(h.sleeper.waits()).isEqualTo(expected);
        GenerationJob ended = h.job(job.id());
        List<String> questions =
                h.stores.allPhrasings().stream().map(Phrasing::question).toList();
        assertThat(questions).doesNotHaveDuplicates();
        assertThat(outcomes).hasSize(1);
        switch (meanwhile) {
            case NOTHING -> {
                assertThat(outcomes.get(0)).isEqualTo(new ProcessJob.Outcome.Finished(ended));
                assertThat(ended.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(ended.attempts()).as("resumed in place").isEqualTo(1);
                assertThat(questions).hasSize(3 * TARGET);
            }
            case CANCELLED, TAKEN_OVER -> {
                assertThat(outcomes.get(0)).isInstanceOf(ProcessJob.Outcome.Interrupted.class);
                assertThat(ended.status())
                        .isEqualTo(meanwhile == Meanwhile.CANCELLED ? JobStatus.CANCELLED : JobStatus.PROCESSING);
                assertThat(ended.attempts()).isEqualTo(meanwhile == Meanwhile.CANCELLED ? 1 : 2);
                assertThat(questions).as("let go: nothing more saved").hasSize(concept * TARGET + after);
            }
        }
        // A closed worker claims nothing more.
        GenerationJob later = h.create(new UserId("bob"), "Rivers");
        assertThat(worker.runUntilIdle()).isZero();
        assertThat(h.job(later.id()).status()).isEqualTo(JobStatus.PENDING);
    }
}
