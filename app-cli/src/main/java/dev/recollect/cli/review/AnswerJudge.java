package dev.recollect.cli.review;

import dev.recollect.cli.support.CliException;
import dev.recollect.domain.library.Phrasing;
import java.util.List;
import java.util.Locale;

/**
 * Reads a learner's answer to a phrasing: an option's number (1, 2, ...), its letter (a, b, ...), or its text, and
 * judges it against the phrasing's correct answer.
 */
final class AnswerJudge {
    private AnswerJudge() {}

    /**
     * The judged answer.
     *
     * @param answer the option the learner chose, as text
     * @param correct whether it is the phrasing's correct answer
     */
    record Judged(String answer, boolean correct) {}

    static Judged judge(Phrasing phrasing, String input) {
        String chosen = option(phrasing.options(), input.strip());
        boolean correct = phrasing.correctAnswer() != null && normal(chosen).equals(normal(phrasing.correctAnswer()));
        return new Judged(chosen, correct);
    }

    private static String option(List<String> options, String input) {
        if (input.isEmpty()) {
            throw CliException.invalid("--answer must not be empty");
        }
        if (input.matches("\\d{1,2}")) {
            int index = Integer.parseInt(input) - 1;
            if (index < 0 || index >= options.size()) {
                throw CliException.invalid("--answer: there is no option " + input + " (1 to " + options.size() + ")");
            }
            return options.get(index);
        }
        if (input.length() == 1 && Character.isLetter(input.charAt(0))) {
            int index = Character.toLowerCase(input.charAt(0)) - 'a';
            if (index >= 0 && index < options.size()) {
                return options.get(index);
            }
        }
        for (String option : options) {
            if (normal(option).equals(normal(input))) {
                return option;
            }
        }
        // A free answer: kept as typed, judged by its text.
        return input;
    }

    private static String normal(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
