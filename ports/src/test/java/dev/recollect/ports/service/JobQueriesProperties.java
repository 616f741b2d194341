package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.testing.DomainArbitraries;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.ListRecentJobs;
import dev.recollect.ports.testing.PipelineHarness;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Creating and reading jobs for any learner and any valid prompt, drawn from the domain's shared generators: a job
 * is created pending with its prompt as accepted, and only its owner can read or list it.
 */
class JobQueriesProperties {
    @Provide
    Arbitrary<UserId> learners() {
        return DomainArbitraries.userIds();
    }

    @Provide
    Arbitrary<String> prompts() {
        return DomainArbitraries.prompts();
    }

    @SeededProperty
    void anyLearnerCreatesAJobThatOnlyTheyCanRead(
            @ForAll("learners") UserId owner, @ForAll("learners") UserId other, @ForAll("prompts") String prompt) {
        Assume.that(!owner.equals(other));
        PipelineHarness h = new PipelineHarness();

        CreateJob.Result result = h.jobs.create(new CreateJob.Command(owner.value(), " " + prompt + "\n", null));

        assertThat(result).isInstanceOf(CreateJob.Result.Created.class);
        GenerationJob job = ((CreateJob.Result.Created) result).job();
        assertThat(job.prompt()).isEqualTo(prompt);
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.userId()).isEqualTo(owner);
        String id = job.id().toString();
        assertThat(h.jobs.get(new GetJob.Query(owner.value(), id))).contains(job);
        assertThat(h.jobs.get(new GetJob.Query(other.value(), id))).isEmpty();
        // Another learner's job is answered exactly as a job that does not exist.
        assertThat(h.jobs.get(new GetJob.Query(owner.value(), new java.util.UUID(7, 7).toString())))
                .isEmpty();
        assertThat(h.jobs.list(new ListRecentJobs.Query(owner.value(), null, null, null))
                        .items())
                .containsExactly(job);
        assertThat(h.jobs.list(new ListRecentJobs.Query(other.value(), null, null, null))
                        .items())
                .isEmpty();
    }
}
