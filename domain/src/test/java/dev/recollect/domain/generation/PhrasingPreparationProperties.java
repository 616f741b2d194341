package dev.recollect.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.generation.PhrasingPreparation.Rejection;
import dev.recollect.domain.testing.SeededProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class PhrasingPreparationProperties {
    private static final String EXPLANATION = "Because the chloroplast holds it.";

    private static GeneratedPhrasing mc(String question, List<String> options, String answer) {
        return new GeneratedPhrasing(question, EXPLANATION, "multiple-choice", options, answer);
    }

    /** A valid item from the model, and how it must come out: stripped, its answer spelled as its option. */
    record Valid(GeneratedPhrasing item, PreparedPhrasing expected) {}

    @Provide
    Arbitrary<Valid> valid() {
        Arbitrary<String> question =
                Arbitraries.integers().between(0, 999).map(n -> "Which of these is item number " + n + "?");
        Arbitrary<List<String>> options = Arbitraries.of("Chlorophyll", "Carotene", "Xanthophyll", "Iron", "Salt")
                .list()
                .uniqueElements()
                .ofMinSize(3)
                .ofMaxSize(5);
        Arbitrary<String> pad = Arbitraries.of("", " ", "  ", "\t");
        return Combinators.combine(
                        question, options, Arbitraries.integers().between(0, 4), pad, Arbitraries.of(true, false))
                .as((q, opts, pick, space, trueFalse) -> {
                    List<String> clean = trueFalse ? List.of("True", "False") : opts;
                    String answer = clean.get(pick % clean.size());
                    List<String> padded =
                            clean.stream().map(o -> space + o + space).toList();
                    GeneratedPhrasing item = new GeneratedPhrasing(
                            space + q + space,
                            EXPLANATION,
                            trueFalse ? "true-false" : "multiple-choice",
                            padded,
                            space + answer.toUpperCase(Locale.ROOT) + space);
                    PreparedPhrasing expected = new PreparedPhrasing(
                            q,
                            EXPLANATION,
                            trueFalse ? PhrasingType.TRUE_FALSE : PhrasingType.MULTIPLE_CHOICE,
                            clean,
                            answer);
                    return new Valid(item, expected);
                });
    }

    /** A valid item is accepted stripped, with its options in order and its answer spelled as its option. */
    @SeededProperty
    void aValidItemIsAcceptedStrippedWithTheAnswerSpelledAsItsOption(@ForAll("valid") Valid valid) {
        PhrasingPreparation prepared = PhrasingPreparation.prepare(List.of(valid.item()), List.of(), 4);
        assertThat(prepared.phrasings()).containsExactly(valid.expected());
        assertThat(prepared.rejected()).isEmpty();
    }

    /** One fault in an otherwise valid item rejects it for that fault's reason, and for no other. */
    @SeededProperty
    void eachFaultRejectsForItsOwnReason(
            @ForAll("valid") Valid valid, @ForAll Rejection fault, @ForAll @IntRange(max = 200) int size) {
        GeneratedPhrasing item = valid.item();
        boolean trueFalse = item.type().equals("true-false");
        List<String> existing = List.of();
        GeneratedPhrasing broken =
                switch (fault) {
                    case QUESTION_TOO_SHORT -> with(item, "Q".repeat(1 + size % 11), null, null, null, null);
                    case QUESTION_TOO_LONG -> with(item, "Q".repeat(401 + size), null, null, null, null);
                    case EXPLANATION_TOO_SHORT -> with(item, null, "E".repeat(1 + size % 11), null, null, null);
                    case DUPLICATE_QUESTION -> {
                        existing = List.of("  " + valid.expected().question().toLowerCase(Locale.ROOT));
                        yield item;
                    }
                    case UNSUPPORTED_TYPE -> with(item, null, null, size % 2 == 0 ? "cloze" : "free text", null, null);
                    case WRONG_OPTION_COUNT -> trueFalse
                            ? with(item, null, null, null, List.of("True", "False", "Maybe"), "True")
                            : with(item, null, null, null, size % 2 == 0 ? TWO : SIX, "A");
                    case ANSWER_NOT_AN_OPTION -> with(item, null, null, null, null, "None of them");
                };
        PhrasingPreparation prepared = PhrasingPreparation.prepare(List.of(broken), existing, 4);
        assertThat(prepared.phrasings()).isEmpty();
        assertThat(prepared.rejected()).isEqualTo(Map.of(fault, 1));
    }

    private static final List<String> TWO = List.of("A", "B");
    private static final List<String> SIX = List.of("A", "B", "C", "D", "E", "F");

    /** {@code item} with the fields that are not null replaced. */
    private static GeneratedPhrasing with(
            GeneratedPhrasing item,
            String question,
            String explanation,
            String type,
            List<String> options,
            String answer) {
        return new GeneratedPhrasing(
                question != null ? question : item.question(),
                explanation != null ? explanation : item.explanation(),
                type != null ? type : item.type(),
                options != null ? options : item.options(),
                answer != null ? answer : item.correctAnswer());
    }

    @Example
    void theLengthLimitsAreInclusive() {
        String twelve = "Is it 12 ch?";
        String explanation = "Twelve chars";
        PhrasingPreparation prepared = PhrasingPreparation.prepare(
                List.of(
                        new GeneratedPhrasing(twelve, explanation, "true-false", List.of("True", "False"), "True"),
                        new GeneratedPhrasing(
                                "Q".repeat(399) + "?", explanation, "true-false", List.of("True", "False"), "True")),
                List.of(),
                4);
        assertThat(twelve).hasSize(12);
        assertThat(explanation).hasSize(12);
        assertThat(prepared.phrasings()).hasSize(2);
        assertThat(prepared.rejected()).isEmpty();
    }

    @Example
    void anItemWithoutOptionsHasTheWrongCount() {
        PhrasingPreparation prepared = PhrasingPreparation.prepare(
                List.of(new GeneratedPhrasing("No options at all here?", EXPLANATION, "multiple-choice", null, "a")),
                List.of(),
                10);
        assertThat(prepared.rejectedFor(Rejection.WRONG_OPTION_COUNT)).isEqualTo(1);
    }

    @Example
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

    @Provide
    Arbitrary<List<Valid>> validItems() {
        return valid().list().ofMaxSize(10);
    }

    /**
     * Preparation keeps the first {@code target} valid items whose question (ignoring case and spacing) is neither
     * the concept's nor an earlier item's, in order.
     */
    @SeededProperty
    void keepsTheFirstValidNewQuestionsUpToTheTarget(
            @ForAll("validItems") List<Valid> items,
            @ForAll("target") int target,
            @ForAll @IntRange(max = 3) int existingCount) {
        List<String> existing = items.stream()
                .limit(existingCount)
                .map(v -> " " + v.expected().question().toUpperCase(Locale.ROOT))
                .toList();
        Set<String> seen = new HashSet<>();
        existing.forEach(q -> seen.add(DedupeKey.of(q)));
        List<PreparedPhrasing> expected = new ArrayList<>();
        for (Valid v : items) {
            if (expected.size() < target && seen.add(DedupeKey.of(v.expected().question()))) {
                expected.add(v.expected());
            }
        }
        List<GeneratedPhrasing> generated = items.stream().map(Valid::item).toList();
        assertThat(PhrasingPreparation.prepare(generated, existing, target).phrasings())
                .isEqualTo(expected);
    }

    /** Type names read in any case and spacing; anything else is no type. */
    @SeededProperty
    void typeNamesReadInAnyCase(@ForAll PhrasingType type, @ForAll("pads") String pad, @ForAll boolean upper) {
        String name = upper ? type.wireName().toUpperCase(Locale.ROOT) : type.wireName();
        assertThat(PhrasingType.fromWireName(pad + name + pad)).contains(type);
        assertThat(PhrasingType.fromWireName(name + "s")).isEmpty();
        assertThat(PhrasingType.fromWireName(null)).isEmpty();
    }

    @Provide
    Arbitrary<String> pads() {
        return Arbitraries.of("", " ", "\t ");
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
