package dev.recollect.domain.job;

import static dev.recollect.domain.job.GenerationJobProperties.T0;
import static dev.recollect.domain.job.GenerationJobProperties.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.failure.JobError;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class JobPolicyTest {
    private final JobPolicy policy = JobPolicy.DEFAULT;

    @Test
    void promptsAreTrimmedAndMeasuredInCodePoints() {
        assertThat(policy.checkPrompt("  abc  ")).isEqualTo(new PromptCheck.Accepted("abc"));
        assertThat(policy.checkPrompt("ab")).isEqualTo(new PromptCheck.TooShort(3, 2));
        assertThat(policy.checkPrompt("   ")).isEqualTo(new PromptCheck.TooShort(3, 0));
        assertThat(policy.checkPrompt(null)).isEqualTo(new PromptCheck.TooShort(3, 0));
        assertThat(policy.checkPrompt("😀😀😀")).isInstanceOf(PromptCheck.Accepted.class);
        assertThat(policy.checkPrompt("😀😀")).isEqualTo(new PromptCheck.TooShort(3, 2));
        assertThat(policy.checkPrompt("x".repeat(5000))).isInstanceOf(PromptCheck.Accepted.class);
        assertThat(policy.checkPrompt("x".repeat(5001))).isEqualTo(new PromptCheck.TooLong(5000, 5001));
        assertThat(policy.checkPrompt("😀".repeat(5000))).isInstanceOf(PromptCheck.Accepted.class);
    }

    @Test
    void rejectionsSpeakTheReferenceMessages() {
        assertThat(policy.checkPrompt("ab").message()).isEqualTo("Prompt too short. Minimum 3 characters required.");
        assertThat(policy.checkPrompt("x".repeat(5001)).message())
                .isEqualTo("Prompt too long. Maximum 5000 characters allowed.");
        assertThat(policy.checkPrompt("abc").message()).isEmpty();
    }

    @Test
    void controlCharactersOtherThanNewlineAndTabAreRejected() {
        assertThat(policy.checkPrompt("line one\n\tline two")).isInstanceOf(PromptCheck.Accepted.class);
        PromptCheck nul = policy.checkPrompt("ab\u0000cd");
        assertThat(nul).isEqualTo(new PromptCheck.ControlCharacter(0, 2));
        assertThat(nul.message())
                .isEqualTo(
                        "Prompt contains a control character (U+0000) at position 3; only newlines and tabs are allowed.");
        assertThat(policy.checkPrompt("😀 ok\r\n")).isInstanceOf(PromptCheck.Accepted.class);
        assertThat(policy.checkPrompt("😀 a\rb")).isEqualTo(new PromptCheck.ControlCharacter('\r', 3));
        assertThat(policy.checkPrompt("abc\u007f")).isInstanceOf(PromptCheck.ControlCharacter.class);
    }

    @SeededProperty
    void anyPromptGetsExactlyOneVerdict(@ForAll @StringLength(max = 6000) String prompt) {
        PromptCheck check = policy.checkPrompt(prompt);
        if (check instanceof PromptCheck.Accepted accepted) {
            String stored = accepted.prompt();
            int length = stored.codePointCount(0, stored.length());
            assertThat(length).isBetween(3, 5000);
            assertThat(stored).isEqualTo(stored.strip());
        } else {
            assertThat(check.message()).isNotBlank();
        }
    }

    @Test
    void retentionCountsFromCompletionByStatus() {
        GenerationJob completed =
                newJob().start(T0).job().complete("t", T0.plusSeconds(1)).job();
        GenerationJob cancelled = newJob().cancel(T0.plusSeconds(1)).job();
        GenerationJob failed = newJob().fail(new JobError(ErrorCode.UNKNOWN, "x", false), T0.plusSeconds(1))
                .job();
        Duration week = Duration.ofDays(7);
        assertThat(policy.isExpired(completed, T0.plusSeconds(1).plus(week).minusMillis(1)))
                .isFalse();
        assertThat(policy.isExpired(completed, T0.plusSeconds(1).plus(week))).isTrue();
        assertThat(policy.isExpired(cancelled, T0.plusSeconds(1).plus(week))).isTrue();
        assertThat(policy.isExpired(failed, T0.plusSeconds(1).plus(week))).isFalse();
        assertThat(policy.isExpired(failed, T0.plusSeconds(1).plus(Duration.ofDays(30))))
                .isTrue();
        assertThat(policy.isExpired(newJob(), T0.plus(Duration.ofDays(400)))).isFalse();
        assertThat(policy.expiryCutoff(JobStatus.FAILED, T0)).isEqualTo(T0.minus(Duration.ofDays(30)));
        assertThat(policy.expiryCutoff(JobStatus.CANCELLED, T0)).isEqualTo(T0.minus(week));
    }

    @SeededProperty
    void everyValueIsValidated(@ForAll @IntRange(min = -3, max = 0) int bad) {
        assertThatThrownBy(() -> new JobPolicy(bad, 3, 5000, Duration.ZERO, Duration.ZERO, Duration.ZERO, 50, 4, 3))
                .hasMessageStartingWith("maxActivePerUser must be at least 1");
        assertThatThrownBy(() -> new JobPolicy(3, bad, 5000, Duration.ZERO, Duration.ZERO, Duration.ZERO, 50, 4, 3))
                .hasMessageStartingWith("minPromptLength");
        assertThatThrownBy(() -> new JobPolicy(3, 3, 5000, Duration.ZERO, Duration.ZERO, Duration.ZERO, bad, 4, 3))
                .hasMessageStartingWith("maxConceptsPerJob");
        assertThatThrownBy(() -> new JobPolicy(3, 3, 5000, Duration.ZERO, Duration.ZERO, Duration.ZERO, 50, bad, 3))
                .hasMessageStartingWith("phrasingsPerConcept");
        assertThatThrownBy(() -> new JobPolicy(3, 3, 5000, Duration.ZERO, Duration.ZERO, Duration.ZERO, 50, 4, bad))
                .hasMessageStartingWith("maxRescues");
    }

    @SeededProperty
    void eachEndedStatusIsKeptForItsOwnRetention(
            @ForAll @IntRange(min = 0, max = 2000) int completedHours,
            @ForAll @IntRange(min = 0, max = 2000) int failedHours,
            @ForAll @IntRange(min = 0, max = 2000) int cancelledHours,
            @ForAll @IntRange(min = 0, max = 2500) int elapsedHours) {
        JobPolicy retention = JobPolicy.DEFAULT.toBuilder()
                .completedRetention(Duration.ofHours(completedHours))
                .failedRetention(Duration.ofHours(failedHours))
                .cancelledRetention(Duration.ofHours(cancelledHours))
                .build();
        Instant end = T0.plusSeconds(1);
        Instant now = end.plus(Duration.ofHours(elapsedHours));
        GenerationJob completed = newJob().start(T0).job().complete("t", end).job();
        GenerationJob failed =
                newJob().fail(new JobError(ErrorCode.UNKNOWN, "x", false), end).job();
        GenerationJob cancelled = newJob().cancel(end).job();
        assertThat(retention.isExpired(completed, now)).isEqualTo(elapsedHours >= completedHours);
        assertThat(retention.isExpired(failed, now)).isEqualTo(elapsedHours >= failedHours);
        assertThat(retention.isExpired(cancelled, now)).isEqualTo(elapsedHours >= cancelledHours);
        assertThat(retention.isExpired(newJob(), now))
                .as("a job that did not end is kept")
                .isFalse();
    }

    @Example
    void aJobThatDidNotEndHasNoRetention() {
        assertThatThrownBy(() -> JobPolicy.DEFAULT.retention(JobStatus.PENDING)).hasMessageContaining("never expires");
        assertThatThrownBy(() -> JobPolicy.DEFAULT.retention(JobStatus.PROCESSING))
                .hasMessageContaining("never expires");
    }

    @SeededProperty
    void theCapAllowsAnotherJobExactlyBelowTheMaximum(
            @ForAll @IntRange(min = 0, max = 50) int active, @ForAll @IntRange(min = 1, max = 20) int cap) {
        JobPolicy policy = new JobPolicy(cap, 3, 5000, Duration.ZERO, Duration.ZERO, Duration.ZERO, 50, 4, 10);
        assertThat(policy.allowsAnother(active)).isEqualTo(active < cap);
        if (policy.allowsAnother(active) && active > 0) {
            assertThat(policy.allowsAnother(active - 1))
                    .as("fewer active jobs never lose a place")
                    .isTrue();
        }
    }

    @Example
    void theReferencesCapIsThreeActiveJobs_andANegativeCountIsAMistake() {
        assertThat(JobPolicy.DEFAULT.allowsAnother(2)).isTrue();
        assertThat(JobPolicy.DEFAULT.allowsAnother(3)).isFalse();
        assertThat(JobPolicy.DEFAULT.maxRescues()).isEqualTo(10);
        assertThatThrownBy(() -> JobPolicy.DEFAULT.allowsAnother(-1)).hasMessageContaining("active");
    }

    @Test
    void lengthsAndRetentionsAreValidated() {
        assertThatThrownBy(() -> new JobPolicy(3, 10, 9, Duration.ZERO, Duration.ZERO, Duration.ZERO, 50, 4, 3))
                .hasMessageStartingWith("maxPromptLength must be >= minPromptLength");
        assertThatThrownBy(() -> new JobPolicy(3, 3, 9, Duration.ofDays(-1), Duration.ZERO, Duration.ZERO, 50, 4, 3))
                .hasMessageStartingWith("completedRetention");
        assertThatThrownBy(() -> new JobPolicy(3, 3, 9, Duration.ZERO, null, Duration.ZERO, 50, 4, 3))
                .hasMessageStartingWith("failedRetention");
        assertThatThrownBy(() -> new JobPolicy(3, 3, 9, Duration.ZERO, Duration.ZERO, Duration.ofDays(-1), 50, 4, 3))
                .hasMessageStartingWith("cancelledRetention");
        assertThat(new JobPolicy(1, 1, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1, 1, 1).maxActivePerUser())
                .isEqualTo(1);
    }
}
