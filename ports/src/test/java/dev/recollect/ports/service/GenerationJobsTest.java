package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.UserId;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.job.CleanupCounts;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.CleanupJobs;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.ListRecentJobs;
import dev.recollect.ports.in.RetryJob;
import dev.recollect.ports.testing.PipelineHarness;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GenerationJobsTest {
    private final PipelineHarness h = new PipelineHarness();
    private final UserId user = new UserId("learner");

    private CreateJob.Result create(String prompt) {
        return h.jobs.create(new CreateJob.Command(user.value(), prompt, null));
    }

    @Provide
    Arbitrary<String> badPrompts() {
        Arbitrary<String> tooShort =
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(2);
        Arbitrary<String> tooLong = Arbitraries.integers().between(5001, 5010).map("x"::repeat);
        Arbitrary<String> control =
                Arbitraries.of('\u0000', '\u0007', '\r', '\u007f', '\u202e').map(c -> "Photo" + c + "synthesis");
        return Arbitraries.oneOf(tooShort, tooLong, control);
    }

    /**
     * A prompt that is too short, too long or holds a control character is refused with the reference's message for
     * that problem, and nothing is stored.
     */
    @SeededProperty
    void badPromptsAreRejectedWithTheReferenceMessages(@ForAll("badPrompts") String prompt) {
        PipelineHarness h = new PipelineHarness();
        CreateJob.Result result = h.jobs.create(new CreateJob.Command("learner", prompt, null));
        int length = prompt.codePointCount(0, prompt.length());
        CreateJob.Result expected = length < 3
                ? new CreateJob.Result.InvalidPrompt(
                        CreateJob.PromptProblem.TOO_SHORT, "Prompt too short. Minimum 3 characters required.")
                : length > 5000
                        ? new CreateJob.Result.InvalidPrompt(
                                CreateJob.PromptProblem.TOO_LONG, "Prompt too long. Maximum 5000 characters allowed.")
                        : null;
        if (expected != null) {
            assertThat(result).isEqualTo(expected);
        } else {
            assertThat(result).isInstanceOfSatisfying(CreateJob.Result.InvalidPrompt.class, r -> assertThat(r.reason())
                    .isEqualTo(CreateJob.PromptProblem.CONTROL_CHARACTER));
        }
        assertThat(h.stores.allJobs()).isEmpty();
    }

    /**
     * A learner has at most three active jobs: every creation past the third is refused with the reference's message,
     * and another learner's jobs never count.
     */
    @SeededProperty
    void theCapHoldsPerLearner(
            @ForAll @IntRange(min = 1, max = 6) int attempts, @ForAll @IntRange(max = 4) int othersJobs) {
        PipelineHarness h = new PipelineHarness();
        for (int i = 0; i < othersJobs; i++) {
            h.jobs.create(new CreateJob.Command("other", "Other topic " + i, null));
        }
        for (int i = 0; i < attempts; i++) {
            CreateJob.Result result = h.jobs.create(new CreateJob.Command("learner", "Topic " + i, null));
            if (i < 3) {
                assertThat(result).isInstanceOf(CreateJob.Result.Created.class);
            } else {
                assertThat(result)
                        .isEqualTo(new CreateJob.Result.TooManyActiveJobs(
                                3, 3, "Too many concurrent jobs. Maximum 3 jobs allowed."));
            }
        }
        assertThat(h.stores.jobs().countActive(new UserId("learner"))).isEqualTo(Math.min(attempts, 3));
    }

    @Test
    void theHundredAndFirstRequestInAnHourIsRateLimited() {
        for (int i = 0; i < 100; i++) {
            GenerationJob job = ((CreateJob.Result.Created) create("Topic " + i)).job();
            h.cancel(job);
            h.clock.advance(Duration.ofSeconds(10));
        }
        CreateJob.Result limited = create("One too many");
        assertThat(limited)
                .isEqualTo(new CreateJob.Result.RateLimited(
                        2600, "Too many question generation requests. Please try again later."));
        h.clock.advance(Duration.ofSeconds(2600));
        assertThat(create("Allowed again")).isInstanceOf(CreateJob.Result.Created.class);
    }

    @Test
    void invalidCommandsNameTheirFields() {
        assertThatThrownBy(() -> h.jobs.create(new CreateJob.Command(" ", "prompt", "not an ip")))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("ipAddress: must be an IPv4 or IPv6 address literal such as 203.0.113.9 or 2001:db8::1;"
                        + " userId: must not be blank");
        assertThatThrownBy(() -> h.jobs.create(new CreateJob.Command("ada", "prompt", "example.com")))
                .as("a host name is refused, never looked up")
                .hasMessageStartingWith("ipAddress: must be an IPv4 or IPv6 address literal");
        assertThatThrownBy(() -> h.jobs.create(new CreateJob.Command("a b ", "prompt", null)))
                .hasMessageStartingWith("userId must be");
        assertThatThrownBy(() -> h.jobs.create(null)).hasMessage("command: must not be null");
        assertThatThrownBy(() -> h.jobs.get(new GetJob.Query("learner", "not-a-uuid")))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageStartingWith("jobId must be a UUID");
        assertThatThrownBy(() -> h.jobs.list(new ListRecentJobs.Query("learner", -1, null)))
                .hasMessage("limit: must be greater than 0");
        assertThatThrownBy(() -> h.jobs.list(new ListRecentJobs.Query("learner", 10, "garbage")))
                .hasMessageStartingWith("cursor is not one this system issued");
        assertThatThrownBy(() -> h.jobs.get(new GetJob.Query(" ", "00000000-0000-0000-0000-000000000001")))
                .hasMessage("userId: must not be blank");
        assertThatThrownBy(() -> h.jobs.list(new ListRecentJobs.Query(" ", 10, null)))
                .hasMessage("userId: must not be blank");
        assertThatThrownBy(() -> h.jobs.cancel(new CancelJob.Command("learner", " ")))
                .hasMessage("jobId: must not be blank");
        InvalidCommandException e = new InvalidCommandException(List.of("b: x", "a: y"));
        assertThat(e.violations()).containsExactly("b: x", "a: y");
    }

    @Test
    void cleanupDeletesExpiredJobs() {
        GenerationJob job = ((CreateJob.Result.Created) create("Tides")).job();
        h.cancel(job);
        assertThat(h.jobs.cleanup().jobs().total()).isZero();
        h.clock.advance(Duration.ofDays(7));
        CleanupJobs.Result cleaned = h.jobs.cleanup();
        assertThat(cleaned.jobs().cancelled()).isEqualTo(1);
        assertThat(cleaned.admissions())
                .as("the creation's admission left the hour's window")
                .isEqualTo(1);
        assertThat(h.jobs.cleanup()).isEqualTo(new CleanupJobs.Result(new CleanupCounts(0, 0, 0), 0));
    }

    private GenerationJob failed(String prompt, boolean retryable) {
        GenerationJob job = ((CreateJob.Result.Created) create(prompt)).job();
        h.stores.jobs().transition(job.id(), j -> j.start(h.clock.instant()));
        return h.stores
                .jobs()
                .transition(
                        job.id(),
                        j -> j.fail(
                                new JobError(
                                        retryable ? ErrorCode.NETWORK : ErrorCode.CONTENT_BLOCKED, "failed", retryable),
                                h.clock.instant()))
                .orElseThrow()
                .job();
    }

    private RetryJob.Result retry(GenerationJob job, boolean force) {
        return h.jobs.retry(new RetryJob.Command(user.value(), job.id().toString(), force, null));
    }

    @Test
    void theOwnerRetriesAFailedJob_whichAWorkerThenResumesToCompletion() {
        GenerationJob failed = failed("Tides", true);
        RetryJob.Result result = retry(failed, false);
        assertThat(result).isInstanceOf(RetryJob.Result.Retried.class);
        GenerationJob queued = ((RetryJob.Result.Retried) result).job();
        assertThat(queued.status()).isEqualTo(JobStatus.PENDING);
        assertThat(queued.retries()).isEqualTo(1);
        assertThat(queued.failure()).isEmpty();

        h.pipeline().process(failed.id());
        assertThat(h.job(failed.id()).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void anAddressIsKeptInItsCanonicalForm_soThatOneAddressCannotPassForMany() {
        GenerationJob job = ((CreateJob.Result.Created)
                        h.jobs.create(new CreateJob.Command("learner", "Tides", "2001:DB8:0:0:0:0:0:1")))
                .job();
        assertThat(job.ip()).contains("2001:db8::1");
        assertThatThrownBy(() ->
                        h.jobs.retry(new RetryJob.Command("learner", job.id().toString(), false, "::g")))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageStartingWith("ipAddress:");
    }
}
