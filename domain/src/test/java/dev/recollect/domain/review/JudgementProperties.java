package dev.recollect.domain.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.generation.PhrasingType;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.testing.SeededProperty;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** How a learner's answer is read and judged against a phrasing. */
class JudgementProperties {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @SeededProperty
    void anOptionChosenByItsNumberIsThatOption_rightExactlyWhenItIsTheCorrectAnswer(
            @ForAll("questions") Phrasing phrasing, @ForAll @IntRange(min = 0, max = 4) int pick) {
        int index = pick % phrasing.options().size();

        Judgement judged = Judgement.of(phrasing, " " + (index + 1) + " ");

        String option = phrasing.options().get(index);
        assertThat(judged).isEqualTo(new Judgement.Judged(option, option.equals(phrasing.correctAnswer())));
    }

    @SeededProperty
    void anOptionChosenByItsLetterInEitherCaseIsThatOption(
            @ForAll("questions") Phrasing phrasing,
            @ForAll @IntRange(min = 0, max = 4) int pick,
            @ForAll boolean upper) {
        int index = pick % phrasing.options().size();
        char letter = (char) ((upper ? 'A' : 'a') + index);

        Judgement judged = Judgement.of(phrasing, String.valueOf(letter));

        String option = phrasing.options().get(index);
        assertThat(judged).isEqualTo(new Judgement.Judged(option, option.equals(phrasing.correctAnswer())));
    }

    @SeededProperty
    void theCorrectAnswerTypedInAnyCaseWithSpacesAroundIsRightAndSpeltAsThePhrasingSpellsIt(
            @ForAll("questions") Phrasing phrasing) {
        String typed = "  " + phrasing.correctAnswer().toUpperCase(Locale.ROOT) + "\t";

        assertThat(Judgement.of(phrasing, typed)).isEqualTo(new Judgement.Judged(phrasing.correctAnswer(), true));
    }

    @SeededProperty
    void aFreeAnswerThatIsNoOptionIsKeptStrippedAndIsWrong(
            @ForAll("questions") Phrasing phrasing, @ForAll("freeAnswers") String free) {
        Judgement judged = Judgement.of(phrasing, " " + free + " ");

        assertThat(judged).isEqualTo(new Judgement.Judged(free, false));
    }

    @SeededProperty
    void aNumberPastTheLastOptionIsUnreadable_neverAWrongAnswer(
            @ForAll("questions") Phrasing phrasing, @ForAll @IntRange(min = 6, max = 99) int number) {
        Judgement judged = Judgement.of(phrasing, String.valueOf(number));

        assertThat(judged).isInstanceOf(Judgement.Unreadable.class);
        assertThat(((Judgement.Unreadable) judged).reason())
                .isEqualTo("there is no option " + number + " (1 to "
                        + phrasing.options().size() + ")");
    }

    /**
     * A single letter past the last option, or any other single character, names no option: it is a free answer,
     * judged by its text; a letter names an option only among the first as many letters as there are options.
     */
    @SeededProperty
    void aLetterPastTheLastOptionIsAFreeAnswer(
            @ForAll("questions") Phrasing phrasing,
            @ForAll @IntRange(min = 0, max = 25) int offset,
            @ForAll boolean upper) {
        int index = phrasing.options().size() + offset;
        Assume.that(index < 26);
        String letter = String.valueOf((char) ((upper ? 'A' : 'a') + index));
        assertThat(Judgement.of(phrasing, letter)).isEqualTo(new Judgement.Judged(letter, false));
        assertThat(Judgement.of(phrasing, "é")).isEqualTo(new Judgement.Judged("é", false));
        assertThat(Judgement.of(phrasing, "ab")).isEqualTo(new Judgement.Judged("ab", false));
    }

    /** A blank answer is unreadable, whatever the phrasing: it costs the learner no review. */
    @SeededProperty
    void aBlankAnswerIsUnreadable(@ForAll("questions") Phrasing phrasing, @ForAll("blanks") String blank) {
        assertThat(Judgement.of(phrasing, blank)).isEqualTo(new Judgement.Unreadable("the answer is empty"));
        assertThat(Judgement.of(phrasing, "0"))
                .isEqualTo(new Judgement.Unreadable(
                        "there is no option 0 (1 to " + phrasing.options().size() + ")"));
    }

    @Provide
    Arbitrary<String> blanks() {
        return Arbitraries.strings().withChars(' ', '\t', '\n', '\u2003').ofMaxLength(4);
    }

    /**
     * A phrasing without options is judged by text alone: the correct answer in any case is right, any other text
     * is wrong, and a number is unreadable (there is nothing to number).
     */
    @SeededProperty
    void aPhrasingWithoutOptionsJudgesByTextAlone(
            @ForAll("freeAnswers") String answer,
            @ForAll("freeAnswers") String typed,
            @ForAll @IntRange(max = 99) int n) {
        Phrasing open = phrasing(List.of(), answer);
        String shouted = answer.toUpperCase(Locale.ROOT);
        // A free answer is kept as the learner typed it.
        assertThat(Judgement.of(open, shouted)).isEqualTo(new Judgement.Judged(shouted, true));
        assertThat(Judgement.of(open, typed)).isEqualTo(new Judgement.Judged(typed, typed.equalsIgnoreCase(answer)));
        assertThat(Judgement.of(open, String.valueOf(n)))
                .isEqualTo(new Judgement.Unreadable("this question has no numbered options; answer with text"));
    }

    @Example
    void withNumbersForOptionsAPositionWinsAndANumberPastTheEndIsReadAsAnOptionsText() {
        Phrasing sums = phrasing(List.of("5", "6", "7", "8"), "7");
        assertThat(Judgement.of(sums, "3")).isEqualTo(new Judgement.Judged("7", true));
        assertThat(Judgement.of(sums, "7")).isEqualTo(new Judgement.Judged("7", true));
        assertThat(Judgement.of(sums, "1")).isEqualTo(new Judgement.Judged("5", false));
        assertThat(Judgement.of(sums, "9")).isInstanceOf(Judgement.Unreadable.class);
        assertThat(Judgement.of(sums, "100")).as("three digits are text").isEqualTo(new Judgement.Judged("100", false));
    }

    @Example
    void everyVariantFoldsToItsOwnBranch() {
        String judged = new Judgement.Judged("x", true).fold(j -> "judged", u -> "unreadable");
        String unreadable = new Judgement.Unreadable("r").fold(j -> "judged", u -> "unreadable");
        assertThat(judged).isEqualTo("judged");
        assertThat(unreadable).isEqualTo("unreadable");
    }

    @Provide
    Arbitrary<Phrasing> questions() {
        Arbitrary<List<String>> options = Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(3)
                .ofMaxLength(12)
                .map(word -> "option " + word)
                .list()
                .ofMinSize(2)
                .ofMaxSize(5)
                .uniqueElements(option -> option.toLowerCase(Locale.ROOT));
        return Combinators.combine(options, Arbitraries.integers().between(0, 4))
                .as((list, correct) -> phrasing(list, list.get(correct % list.size())));
    }

    /** Answers that name no option: no option starts with "free ", and they are longer than a letter or number. */
    @Provide
    Arbitrary<String> freeAnswers() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(10)
                .map(word -> "free " + word);
    }

    private static Phrasing phrasing(List<String> options, String correct) {
        return new Phrasing(
                new PhrasingId(new UUID(0, 2)),
                new UserId("learner"),
                new ConceptId(new UUID(0, 1)),
                "Which?",
                null,
                options.size() == 2 ? PhrasingType.TRUE_FALSE : PhrasingType.MULTIPLE_CHOICE,
                options,
                correct,
                0,
                0,
                null,
                null,
                T,
                null,
                null);
    }
}
