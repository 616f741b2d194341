package dev.recollect.ports.service;

import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.library.Concept;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.GetJobDetails;
import dev.recollect.ports.in.GetJobStats;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.out.ConceptStore;
import dev.recollect.ports.out.JobReports;
import dev.recollect.ports.out.PhrasingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The read-only job queries: a job with its work, and the figures operators watch. */
public final class JobReporting implements GetJobDetails, GetJobStats {
    private final GetJob jobs;
    private final ConceptStore concepts;
    private final PhrasingStore phrasings;
    private final JobReports reports;
    private final Clock clock;

    /**
     * Queries over the stores.
     *
     * @param jobs reads a learner's own job, which decides what details may be shown
     */
    public JobReporting(GetJob jobs, ConceptStore concepts, PhrasingStore phrasings, JobReports reports, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.concepts = Objects.requireNonNull(concepts, "concepts");
        this.phrasings = Objects.requireNonNull(phrasings, "phrasings");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<JobDetails> details(GetJob.Query query) {
        return jobs.get(query).map(this::details);
    }

    private JobDetails details(GenerationJob job) {
        // In the order the job proposed them, which the job records; its concepts share one creation time.
        List<ConceptDetails> found = concepts.findByJob(job.id()).stream()
                .sorted(Comparator.comparingInt((Concept c) -> order(job, c)).thenComparing(Concept::id))
                .map(concept -> new ConceptDetails(concept, phrasings.findByConcept(concept.id())))
                .toList();
        return new JobDetails(job, found, reports.usage(job.id()));
    }

    /** Where the job proposed {@code concept}; one it does not list (never expected) goes last. */
    private static int order(GenerationJob job, Concept concept) {
        int index = job.conceptIds().indexOf(concept.id());
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    @Override
    public Report stats(GetJobStats.Query query) {
        CommandValidator.valid(query);
        Duration window = query.window();
        if (window.isNegative() || window.isZero() || window.compareTo(LONGEST_WINDOW) > 0) {
            throw new InvalidCommandException(List.of(
                    "window: must be positive and at most " + LONGEST_WINDOW.toDays() + " days, got " + window));
        }
        Instant now = clock.instant();
        Instant since = now.minus(window);
        return new Report(now, since, reports.stats(since), reports.workerActivity(now));
    }
}
