package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.GetJobDetails;
import dev.recollect.ports.in.GetJobStats;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.ScriptedLlm;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The job queries: a job with its work for its owner only, and figures over a bounded window. */
class JobReportingTest {
    private final PipelineHarness h = new PipelineHarness();
    private final JobReporting reporting =
            new JobReporting(h.jobs, h.stores.concepts(), h.stores.phrasings(), h.stores.jobReports(), h.clock);

    @Test
    void aJobsDetailsListItsConceptsInTheOrderProposedWithTheirPhrasingsAndUsage() {
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        h.pipeline().process(job.id());

        GetJobDetails.JobDetails details =
                reporting.details(new GetJob.Query("ann", job.id().toString())).orElseThrow();

        GenerationJob done = h.job(job.id());
        assertThat(details.job()).isEqualTo(done);
        assertThat(details.concepts()).extracting(c -> c.concept().id()).containsExactlyElementsOf(done.conceptIds());
        assertThat(details.concepts())
                .extracting(c -> c.concept().title())
                .containsExactly("Tides basics", "Tides history", "Tides uses");
        for (GetJobDetails.ConceptDetails concept : details.concepts()) {
            assertThat(concept.phrasings())
                    .isNotEmpty()
                    .containsExactlyElementsOf(
                            h.stores.phrasings().findByConcept(concept.concept().id()));
        }
        assertThat(details.usage()).singleElement().satisfies(u -> {
            assertThat(u.model()).isEqualTo(ScriptedLlm.MODEL);
            assertThat(u.usage().calls()).isEqualTo(4);
        });
        assertThat(reporting.details(new GetJob.Query("bob", job.id().toString())))
                .isEmpty();
    }

    @Test
    void statsCountTheWindowBeforeNowAndTheWorkersNow() {
        h.create(new UserId("ann"), "Tides");
        h.clock.advance(Duration.ofHours(2));
        h.create(new UserId("bob"), "Rivers");

        GetJobStats.Report lastHour = reporting.stats(new GetJobStats.Query(Duration.ofHours(1)));
        GetJobStats.Report lastDay = reporting.stats(new GetJobStats.Query(Duration.ofDays(1)));

        assertThat(lastHour.at()).isEqualTo(h.clock.instant());
        assertThat(lastHour.since()).isEqualTo(h.clock.instant().minus(Duration.ofHours(1)));
        assertThat(lastHour.jobs().byStatus()).containsEntry(JobStatus.PENDING, 1);
        assertThat(lastDay.jobs().byStatus()).containsEntry(JobStatus.PENDING, 2);
        assertThat(lastHour.workers().pending()).isEqualTo(2);
        assertThat(reporting
                        .stats(new GetJobStats.Query(GetJobStats.LONGEST_WINDOW))
                        .jobs()
                        .byStatus())
                .containsEntry(JobStatus.PENDING, 2);
    }

    /** A window is refused unless it is positive and at most 366 days; any other is answered. */
    @SeededProperty
    void aWindowMustBePositiveAndAtMostAYear(@ForAll("windows") Duration window) {
        PipelineHarness harness = new PipelineHarness();
        JobReporting stats = new JobReporting(
                harness.jobs,
                harness.stores.concepts(),
                harness.stores.phrasings(),
                harness.stores.jobReports(),
                harness.clock);
        if (window.isNegative() || window.isZero() || window.compareTo(GetJobStats.LONGEST_WINDOW) > 0) {
            assertThatThrownBy(() -> stats.stats(new GetJobStats.Query(window)))
                    .isInstanceOf(InvalidCommandException.class)
                    .hasMessageStartingWith("window: must be positive and at most 366 days");
        } else {
            GetJobStats.Report report = stats.stats(new GetJobStats.Query(window));
            assertThat(report.since()).isEqualTo(harness.clock.instant().minus(window));
        }
    }

    @Provide
    Arbitrary<Duration> windows() {
        long longest = GetJobStats.LONGEST_WINDOW.toSeconds();
        return Arbitraries.oneOf(
                        Arbitraries.longs().between(-10, 10),
                        Arbitraries.longs().between(longest - 10, longest + 10),
                        Arbitraries.longs().between(-longest, 2 * longest))
                .map(Duration::ofSeconds);
    }

    @Test
    void aMissingWindowIsInvalid() {
        assertThatThrownBy(() -> reporting.stats(new GetJobStats.Query(null)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("window");
    }

    /**
     * A job's details list its concepts in the job's order, whatever order they were stored in, then any concept of
     * the job that it does not list, by id, each with its phrasings; another learner sees nothing.
     */
    @SeededProperty
    void theDetailsFollowTheJobsOrderThenWhatItDoesNotList(
            @ForAll("orders") java.util.List<Integer> order, @ForAll @IntRange(max = 2) int strays) {
        PipelineHarness h = new PipelineHarness();
        JobReporting reporting =
                new JobReporting(h.jobs, h.stores.concepts(), h.stores.phrasings(), h.stores.jobReports(), h.clock);
        GenerationJob job = h.create(new UserId("ann"), "Tides");
        h.pipeline().process(job.id());
        GenerationJob done = h.job(job.id());
        java.util.List<dev.recollect.domain.ConceptId> listed =
                order.stream().map(done.conceptIds()::get).toList();
        h.stores
                .jobs()
                .transition(
                        job.id(),
                        j -> new dev.recollect.domain.job.JobTransition.Applied(
                                done.toBuilder().conceptIds(listed).build()));
        java.util.List<dev.recollect.domain.ConceptId> unlisted = new java.util.ArrayList<>();
        for (int i = 0; i < strays; i++) {
            h.clock.advance(Duration.ofSeconds(1));
            Concept stray = dev.recollect.ports.testing.Fixtures.concept(
                    new UserId("ann"), "Stray " + i, job.id(), h.clock.instant());
            h.stores
                    .concepts()
                    .insertAll(
                            java.util.List.of(stray),
                            dev.recollect.domain.stats.StatsDelta.conceptsCreated(1),
                            h.clock.instant());
            unlisted.add(stray.id());
        }
        java.util.List<dev.recollect.domain.ConceptId> expected = new java.util.ArrayList<>(listed);
        unlisted.stream().sorted().forEach(expected::add);

        GetJobDetails.JobDetails details =
                reporting.details(new GetJob.Query("ann", job.id().toString())).orElseThrow();

        assertThat(details.concepts()).extracting(c -> c.concept().id()).containsExactlyElementsOf(expected);
        for (GetJobDetails.ConceptDetails concept : details.concepts()) {
            assertThat(concept.phrasings())
                    .containsExactlyElementsOf(
                            h.stores.phrasings().findByConcept(concept.concept().id()));
        }
        assertThat(reporting.details(new GetJob.Query("bob", job.id().toString())))
                .isEmpty();
    }

    @Provide
    Arbitrary<java.util.List<Integer>> orders() {
        return Arbitraries.shuffle(0, 1, 2);
    }
}
