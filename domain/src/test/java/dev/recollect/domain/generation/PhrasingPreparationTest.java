package dev.recollect.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.generation.PhrasingPreparation.Rejection;
import dev.recollect.domain.testing.SeededProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PhrasingPreparationTest {
    private static final String EXPLANATION = "Because the chloroplast holds it.";

    private static GeneratedPhrasing mc(String question, List<String> options, String answer) {
        return new GeneratedPhrasing(question, EXPLANATION, "multiple-choice", options, answer);
    }

    private static GeneratedPhrasing tf(String question, String answer) {
        return new GeneratedPhrasing(question, EXPLANATION, "true-false", List.of("True", "False"), answer);
    }

    @Test
    void acceptsAValidItemAndSpellsTheAnswerAsItsOption() {
        PhrasingPreparation prepared = PhrasingPreparation.prepare(
                List.of(mc(
                        "  Which pigment absorbs light?  ",
                        List.of(" Chlorophyll ", "Carotene", "Xanthophyll"),
                        "chlorophyll")),
                List.of(),
                4);
        PreparedPhrasing phrasing = prepared.phrasings().get(0);
        assertThat(phrasing.question()).isEqualTo("Which pigment absorbs light?");
        assertThat(phrasing.options()).containsExactly("Chlorophyll", "Carotene", "Xanthophyll");
        assertThat(phrasing.correctAnswer()).isEqualTo("Chlorophyll");
        assertThat(phrasing.type()).isEqualTo(PhrasingType.MULTIPLE_CHOICE);
    }

    @Test
    void rejectsEachBadItemForItsReason() {
        PhrasingPreparation prepared = PhrasingPreparation.prepare(
                List.of(
                        mc("Too short?", List.of("a", "b", "c"), "a"),
                        mc("Q".repeat(401), List.of("a", "b", "c"), "a"),
                        new GeneratedPhrasing(
                                "A long enough question?", "short", "true-false", List.of("True", "False"), "True"),
                        mc("Question zero, again?", List.of("a", "b", "c"), "a"),
                        new GeneratedPhrasing("A long enough question?", EXPLANATION, "cloze", List.of(), "x"),
                        mc("Only two options here?", List.of("a", "b"), "a"),
                        mc("Six options is too many?", List.of("a", "b", "c", "d", "e", "f"), "a"),
                        mc("Answer is not an option?", List.of("a", "b", "c"), "z"),
                        new GeneratedPhrasing(
                                "Three-way true or false?",
                                EXPLANATION,
                                "true-false",
                                List.of("True", "False", "Maybe"),
                                "True"),
                        new GeneratedPhrasing("No options at all here?", EXPLANATION, "multiple-choice", null, "a")),
                List.of(" question zero, AGAIN? "),
                10);
        assertThat(prepared.phrasings()).isEmpty();
        assertThat(prepared.rejected())
                .containsEntry(Rejection.QUESTION_TOO_SHORT, 1)
                .containsEntry(Rejection.QUESTION_TOO_LONG, 1)
                .containsEntry(Rejection.EXPLANATION_TOO_SHORT, 1)
                .containsEntry(Rejection.DUPLICATE_QUESTION, 1)
                .containsEntry(Rejection.UNSUPPORTED_TYPE, 1)
                .containsEntry(Rejection.WRONG_OPTION_COUNT, 4)
                .containsEntry(Rejection.ANSWER_NOT_AN_OPTION, 1);
        assertThat(prepared.rejectedFor(Rejection.DUPLICATE_QUESTION)).isEqualTo(1);
    }

    @Test
    void optionsAreCountedAfterDuplicatesAreRemoved() {
        // The reference counted three options here and kept a two-option multiple-choice question (its gap 14).
        PhrasingPreparation prepared = PhrasingPreparation.prepare(
                List.of(mc("Which is an element?", List.of("Egg", "EGG", "Salt"), "egg")), List.of(), 4);
        assertThat(prepared.phrasings()).isEmpty();
        assertThat(prepared.rejectedFor(Rejection.WRONG_OPTION_COUNT)).isEqualTo(1);

        PhrasingPreparation kept = PhrasingPreparation.prepare(
                List.of(mc("Which is an element?", List.of("Egg", "EGG", "Salt", " ", "Iron"), "iron")), List.of(), 4);
        assertThat(kept.phrasings().get(0).options()).containsExactly("Egg", "Salt", "Iron");
    }

    @Test
    void stopsAtTheTargetAndSkipsExistingQuestions() {
        List<GeneratedPhrasing> generated = List.of(
                tf("Question 0 is existing?", "True"),
                tf("Question 1 is existing?", "True"),
                tf("Question 2 is brand new?", "true"),
                tf("Question 3 is brand new?", "False"),
                tf("Question 4 is brand new?", "False"));
        PhrasingPreparation prepared = PhrasingPreparation.prepare(
                generated, List.of("question 0 is existing?", "Question 1 is existing?"), 2);
        assertThat(prepared.phrasings())
                .extracting(PreparedPhrasing::question)
                .containsExactly("Question 2 is brand new?", "Question 3 is brand new?");
        assertThat(prepared.phrasings().get(0).correctAnswer()).isEqualTo("True");
    }

    @Test
    void repeatedQuestionsInOneAnswerAreKeptOnce() {
        PhrasingPreparation prepared = PhrasingPreparation.prepare(
                List.of(tf("Is the sky blue today?", "True"), tf("IS THE SKY BLUE TODAY?", "True")), List.of(), 4);
        assertThat(prepared.phrasings()).hasSize(1);
        assertThat(PhrasingType.fromWireName(" True-False ")).contains(PhrasingType.TRUE_FALSE);
        assertThat(PhrasingType.fromWireName(null)).isEmpty();
        assertThat(PhrasingType.MULTIPLE_CHOICE.wireName()).isEqualTo("multiple-choice");
    }

    @Provide
    Arbitrary<List<GeneratedPhrasing>> generated() {
        Arbitrary<String> question = Arbitraries.of(
                "Which pigment absorbs light?",
                "WHICH PIGMENT ABSORBS LIGHT?",
                "Short?",
                "What does the Calvin cycle fix?",
                "Is ATP an energy carrier?",
                null);
        Arbitrary<String> type = Arbitraries.of("multiple-choice", "true-false", "cloze", null);
        Arbitrary<List<String>> options =
                Arbitraries.of("A", "a", "B", "C", " ", "D", "E", "F").list().ofMaxSize(7);
        Arbitrary<String> answer = Arbitraries.of("a", "B", "z", null);
        return Combinators.combine(question, Arbitraries.of(EXPLANATION, "tiny"), type, options, answer)
                .as(GeneratedPhrasing::new)
                .list()
                .ofMaxSize(12);
    }

    @SeededProperty
    void everyKeptPhrasingIsValidAndNew(
            @ForAll("generated") List<GeneratedPhrasing> generated, @ForAll("target") int target) {
        PhrasingPreparation prepared =
                PhrasingPreparation.prepare(generated, List.of("Is ATP an energy carrier?"), target);
        assertThat(prepared.phrasings()).hasSizeLessThanOrEqualTo(target);
        Set<String> questions = new HashSet<>();
        for (PreparedPhrasing p : prepared.phrasings()) {
            assertThat(questions.add(p.questionKey())).isTrue();
            assertThat(p.questionKey()).isNotEqualTo("is atp an energy carrier?");
            Set<String> optionKeys = new HashSet<>();
            p.options().forEach(o -> optionKeys.add(o.toLowerCase(java.util.Locale.ROOT)));
            assertThat(optionKeys).hasSameSizeAs(p.options());
            if (p.type() == PhrasingType.MULTIPLE_CHOICE) {
                assertThat(p.options()).hasSizeBetween(3, 5);
            } else {
                assertThat(p.options()).hasSize(2);
            }
            assertThat(p.options()).contains(p.correctAnswer());
        }
        int rejected = prepared.rejected().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        assertThat(prepared.phrasings().size() + rejected).isLessThanOrEqualTo(generated.size());
    }

    @Provide
    Arbitrary<Integer> target() {
        return Arbitraries.integers().between(1, 6);
    }
}
