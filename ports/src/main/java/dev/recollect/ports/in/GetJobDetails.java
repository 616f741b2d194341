package dev.recollect.ports.in;

import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.usage.ModelUsage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads one of a learner's jobs with what it generated so far and the tokens it used. */
public interface GetJobDetails {
    /** The job, if it is the learner's; the same empty answer for a missing job and another learner's. */
    Optional<JobDetails> details(GetJob.Query query);

    /**
     * A job and its work.
     *
     * @param job the job
     * @param concepts its concepts in the order the job proposed them, each with its phrasings
     * @param usage the tokens it used, by model in model order
     */
    record JobDetails(GenerationJob job, List<ConceptDetails> concepts, List<ModelUsage> usage) {
        /** Copies the lists. */
        public JobDetails {
            Objects.requireNonNull(job, "job");
            concepts = List.copyOf(concepts);
            usage = List.copyOf(usage);
        }
    }

    /**
     * A concept the job saved.
     *
     * @param concept the concept
     * @param phrasings its phrasings, oldest first
     */
    record ConceptDetails(Concept concept, List<Phrasing> phrasings) {
        /** Copies the list. */
        public ConceptDetails {
            Objects.requireNonNull(concept, "concept");
            phrasings = List.copyOf(phrasings);
        }
    }
}
