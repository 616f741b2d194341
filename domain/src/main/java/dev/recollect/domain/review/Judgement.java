package dev.recollect.domain.review;

import dev.recollect.domain.library.Phrasing;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A learner's answer to a phrasing, read and judged: the answer may name an option by its number ({@code 2}), its
 * letter ({@code b}) or its text (any case, surrounding spaces ignored), in that order of precedence; anything else is a
 * free answer, judged by its text. A number that names no option and is no option's text is unreadable rather than
 * wrong, so that a typo never costs the learner a review.
 */
public sealed interface Judgement {
    /**
     * The answer, read.
     *
     * @param answer the option the learner chose, as the phrasing spells it; a free answer as typed, stripped
     * @param correct whether it is the phrasing's correct answer
     */
    record Judged(String answer, boolean correct) implements Judgement {
        /** Requires the answer. */
        public Judged {
            Objects.requireNonNull(answer, "answer");
        }

        @Override
        public <R> R fold(Function<Judged, R> judged, Function<Unreadable, R> unreadable) {
            return judged.apply(this);
        }
    }

    /**
     * The answer cannot be read: it is blank, or names an option the phrasing does not have.
     *
     * @param reason what is wrong, for the learner
     */
    record Unreadable(String reason) implements Judgement {
        /** Requires the reason. */
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public <R> R fold(Function<Judged, R> judged, Function<Unreadable, R> unreadable) {
            return unreadable.apply(this);
        }
    }

    /** Applies the function for this variant; a new variant breaks every caller at compile time. */
    <R> R fold(Function<Judged, R> judged, Function<Unreadable, R> unreadable);

    /** Reads {@code input} as an answer to {@code phrasing} and judges it. */
    static Judgement of(Phrasing phrasing, String input) {
        Objects.requireNonNull(phrasing, "phrasing");
        String answer = Objects.requireNonNull(input, "input").strip();
        if (answer.isEmpty()) {
            return new Unreadable("the answer is empty");
        }
        List<String> options = phrasing.options();
        String chosen = byNumber(options, answer);
        if (chosen == null) {
            chosen = byLetter(options, answer);
        }
        if (chosen == null) {
            chosen = byText(options, answer);
        }
        if (chosen == null) {
            if (answer.matches("\\d{1,2}")) {
                return new Unreadable(
                        options.isEmpty()
                                ? "this question has no numbered options; answer with text"
                                : "there is no option " + answer + " (1 to " + options.size() + ")");
            }
            // A free answer: kept as typed, judged by its text.
            chosen = answer;
        }
        boolean correct = phrasing.correctAnswer() != null && normal(chosen).equals(normal(phrasing.correctAnswer()));
        return new Judged(chosen, correct);
    }

    /** The option a number of one or two digits names, {@code 1} the first; {@code null} when it names none. */
    private static String byNumber(List<String> options, String answer) {
        if (!answer.matches("\\d{1,2}")) {
            return null;
        }
        int number = Integer.parseInt(answer);
        return number >= 1 && number <= options.size() ? options.get(number - 1) : null;
    }

    /** The option spelled {@code answer}, case and surrounding spaces aside; {@code null} when none is. */
    private static String byText(List<String> options, String answer) {
        return options.stream()
                .filter(option -> normal(option).equals(normal(answer)))
                .findFirst()
                .orElse(null);
    }

    /** The option a single letter names, {@code a} the first; {@code null} when it names none. */
    private static String byLetter(List<String> options, String answer) {
        if (answer.length() != 1 || !Character.isLetter(answer.charAt(0))) {
            return null;
        }
        int index = Character.toLowerCase(answer.charAt(0)) - 'a';
        return index >= 0 && index < options.size() ? options.get(index) : null;
    }

    private static String normal(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
