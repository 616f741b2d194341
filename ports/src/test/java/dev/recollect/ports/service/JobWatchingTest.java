package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPhase;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.testing.ManualJobSignals;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.Proxies;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class JobWatchingTest {
    private final PipelineHarness h = new PipelineHarness();
    private final ManualJobSignals signals = new ManualJobSignals();
    private final JobWatching watching = new JobWatching(h.stores.jobs(), signals);
    private final UserId ann = new UserId("ann");

    /** Ann's watch of {@code job} through {@code watching}, on another thread, reporting into {@code seen}. */
    private static CompletableFuture<Optional<GenerationJob>> watchInBackground(
            JobWatching watching, GenerationJob job, Queue<GenerationJob> seen) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return watching.follow(new GetJob.Query("ann", job.id().toString()), seen::add);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aWatchReportsTheJobNowAndAfterEachChangeItIsTold_andEndsWithTheJob() throws Exception {
        GenerationJob job = h.create(ann, "Tides");
        LinkedBlockingQueue<GenerationJob> seen = new LinkedBlockingQueue<>();
        CompletableFuture<Optional<GenerationJob>> watch = watchInBackground(watching, job, seen);
        assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo(job);

        change(job, j -> j.start(h.clock.instant()));
        assertThat(seen.poll(30, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.PROCESSING);
        signals.changed(new dev.recollect.domain.JobId(java.util.UUID.randomUUID()));
        change(job, j -> j.enter(JobPhase.CONCEPT_SYNTHESIS));
        assertThat(seen.poll(30, TimeUnit.SECONDS).phase()).isEqualTo(JobPhase.CONCEPT_SYNTHESIS);
        change(job, j -> j.cancel(h.clock.instant()));

        GenerationJob ended = watch.get(30, TimeUnit.SECONDS).orElseThrow();
        assertThat(ended.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo(ended);
        assertThat(seen)
                .as("one report per change, none for another job's signal")
                .isEmpty();
        assertThat(signals.watchers()).as("the watch stopped listening").isZero();
    }

    @Test
    void anotherLearnersJobIsNotThere_andAnEndedJobEndsTheWatchAtOnce() throws Exception {
        GenerationJob job = h.create(ann, "Tides");
        List<GenerationJob> seen = new CopyOnWriteArrayList<>();
        assertThat(watching.follow(new GetJob.Query("bob", job.id().toString()), seen::add))
                .isEmpty();
        assertThat(seen).isEmpty();

        h.cancel(job);
        assertThat(watching.follow(new GetJob.Query("ann", job.id().toString()), seen::add))
                .hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.CANCELLED));
        assertThat(seen).hasSize(1);
    }

    @Test
    void aJobDeletedUnderTheWatchEndsItAsItWasLastSeen() throws Exception {
        GenerationJob job = h.create(ann, "Tides");
        AtomicBoolean deleted = new AtomicBoolean();
        JobStore vanishing = Proxies.around(
                JobStore.class,
                h.stores.jobs(),
                call -> call.name().equals("find") && deleted.get() ? Optional.empty() : call.proceed());
        JobWatching watch = new JobWatching(vanishing, signals);
        LinkedBlockingQueue<GenerationJob> seen = new LinkedBlockingQueue<>();
        CompletableFuture<Optional<GenerationJob>> ended = watchInBackground(watch, job, seen);
        assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo(job);

        deleted.set(true);
        signals.changed(job.id());

        assertThat(ended.get(30, TimeUnit.SECONDS)).contains(job);
        assertThat(seen).isEmpty();
    }

    private void change(
            GenerationJob job,
            java.util.function.Function<GenerationJob, dev.recollect.domain.job.JobTransition> transition) {
        h.stores.jobs().transition(job.id(), transition);
        signals.changed(job.id());
    }
}
