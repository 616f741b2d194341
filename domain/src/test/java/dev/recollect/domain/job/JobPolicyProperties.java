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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class JobPolicyProperties {
    private final JobPolicy policy = JobPolicy.DEFAULT;

    /**
     * A prompt is measured in code points after stripping white space at both ends: below the minimum it is too
     * short, above the maximum too long, each with the reference's message; otherwise it is accepted, stripped.
     */
    @SeededProperty
    void promptsAreStrippedAndMeasuredInCodePoints(
            @ForAll("lengths") int length, @ForAll("printable") int codePoint, @ForAll("padding") String pad) {
        String core = new String(Character.toChars(codePoint)).repeat(length);
        PromptCheck check = policy.checkPrompt(pad + core + pad);
        if (length < 3) {
            assertThat(check).isEqualTo(new PromptCheck.TooShort(3, length));
            assertThat(check.message()).isEqualTo("Prompt too short. Minimum 3 characters required.");
        } else if (length > 5000) {
            assertThat(check).isEqualTo(new PromptCheck.TooLong(5000, length));
            assertThat(check.message()).isEqualTo("Prompt too long. Maximum 5000 characters allowed.");
        } else {
            assertThat(check).isEqualTo(new PromptCheck.Accepted(core));
            assertThat(check.message()).isEmpty();
        }
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 8), Arbitraries.integers().between(4995, 5005));
    }

    @Provide
    Arbitrary<Integer> printable() {
        // Letters, digits, punctuation and a character outside the Basic Multilingual Plane (two UTF-16 units).
        return Arbitraries.of(
                (int) 'a', (int) 'Z', (int) '7', (int) '?', (int) 'é', (int) 'ж', 0x4E2D, 0x1F600, 0x1D800);
    }

    @Provide
    Arbitrary<String> padding() {
        return Arbitraries.strings().withChars(' ', '\t', '\n', '\r', '\u2003').ofMaxLength(4);
    }

    @Example
    void aMissingPromptIsAnEmptyOne() {
        assertThat(policy.checkPrompt(null)).isEqualTo(new PromptCheck.TooShort(3, 0));
    }

    /**
     * A control character (other than a newline or a tab), a bidirectional control or an unpaired surrogate anywhere
     * inside a prompt refuses it, naming the character and its position in code points.
     */
    @SeededProperty
    void controlCharactersOtherThanNewlineAndTabAreRejected(
            @ForAll("forbidden") int bad,
            @ForAll @IntRange(min = 0, max = 6) int before,
            @ForAll @IntRange(min = 1, max = 6) int after) {
        String prompt = "😀".repeat(before) + new String(Character.toChars(bad)) + "x".repeat(after);
        PromptCheck check = policy.checkPrompt("ok " + prompt);
        assertThat(check).isEqualTo(new PromptCheck.ControlCharacter(bad, before + 3));
        assertThat(check.message()).contains("U+" + String.format("%04X", bad)).contains("position " + (before + 4));
        assertThat(policy.checkPrompt("ok " + "😀".repeat(before) + "\n\t" + "x".repeat(after)))
                .isInstanceOf(PromptCheck.Accepted.class);
    }

    @Provide
    Arbitrary<Integer> forbidden() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x1F).filter(c -> c != '\n' && c != '\t'),
                Arbitraries.integers().between(0x7F, 0x9F),
                Arbitraries.of(0x202A, 0x202C, 0x202E, 0x2066, 0x2069, 0xD800, 0xDBFF, 0xDC00, 0xDFFF));
    }

    /** Marks (U+200E, U+200F) are how right-to-left writing orders words, unlike overrides: they are kept. */
    @Example
    void directionalMarksAreText() {
        assertThat(policy.checkPrompt("שלום \u200Eabc\u200F עולם")).isInstanceOf(PromptCheck.Accepted.class);
    }

    @Example
    void theReferencesControlCharacterMessage() {
        assertThat(policy.checkPrompt("ab\u0000cd").message())
                .isEqualTo(
                        "Prompt contains a control character (U+0000) at position 3; only newlines and tabs are allowed.");
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

    @Example
    void theReferencesRetentionsAreAWeekAndThirtyDaysForFailures() {
        Duration week = Duration.ofDays(7);
        assertThat(policy.expiryCutoff(JobStatus.COMPLETED, T0)).isEqualTo(T0.minus(week));
        assertThat(policy.expiryCutoff(JobStatus.CANCELLED, T0)).isEqualTo(T0.minus(week));
        assertThat(policy.expiryCutoff(JobStatus.FAILED, T0)).isEqualTo(T0.minus(Duration.ofDays(30)));
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
        assertThat(JobPolicy.DEFAULT.toBuilder().maxActivePerUser(5).build().maxActivePerUser())
                .isEqualTo(5);
        assertThat(JobPolicy.DEFAULT.allowsAnother(2)).isTrue();
        assertThat(JobPolicy.DEFAULT.allowsAnother(3)).isFalse();
        assertThat(JobPolicy.DEFAULT.maxRescues()).isEqualTo(10);
        assertThatThrownBy(() -> JobPolicy.DEFAULT.allowsAnother(-1)).hasMessageContaining("active");
    }

    /** A policy whose prompt lengths cross, or whose retentions are missing or negative, is refused by name. */
    @SeededProperty
    void lengthsAndRetentionsAreValidated(
            @ForAll @IntRange(min = 1, max = 100) int min,
            @ForAll @IntRange(min = 1, max = 100) int max,
            @ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll("badRetentions") Duration bad) {
        if (max < min) {
            assertThatThrownBy(() -> new JobPolicy(3, min, max, Duration.ZERO, Duration.ZERO, Duration.ZERO, 50, 4, 3))
                    .hasMessageStartingWith("maxPromptLength must be >= minPromptLength");
        } else {
            assertThat(new JobPolicy(1, min, max, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1, 1, 1)
                            .maxActivePerUser())
                    .isEqualTo(1);
        }
        Duration[] retentions = {Duration.ZERO, Duration.ZERO, Duration.ZERO};
        retentions[which] = bad;
        String[] names = {"completedRetention", "failedRetention", "cancelledRetention"};
        assertThatThrownBy(() -> new JobPolicy(3, 3, 9, retentions[0], retentions[1], retentions[2], 50, 4, 3))
                .hasMessageStartingWith(names[which]);
    }

    @Provide
    Arbitrary<Duration> badRetentions() {
        return Arbitraries.longs()
                .between(-1_000_000, -1)
                .map(Duration::ofSeconds)
                .injectNull(0.2);
    }
}
