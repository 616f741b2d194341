package dev.recollect.domain.job;

import java.util.Locale;

/** The verdict on a prompt: accepted (trimmed), or rejected with a message for the learner. */
public sealed interface PromptCheck {
    /**
     * The prompt is fine.
     *
     * @param prompt the trimmed prompt to store
     */
    record Accepted(String prompt) implements PromptCheck {}

    /**
     * Too short after trimming.
     *
     * @param minimum the shortest allowed
     * @param length the prompt's length in code points
     */
    record TooShort(int minimum, int length) implements PromptCheck {
        @Override
        public String message() {
            return "Prompt too short. Minimum " + minimum + " characters required.";
        }
    }

    /**
     * Too long after trimming.
     *
     * @param maximum the longest allowed
     * @param length the prompt's length in code points
     */
    record TooLong(int maximum, int length) implements PromptCheck {
        @Override
        public String message() {
            return "Prompt too long. Maximum " + maximum + " characters allowed.";
        }
    }

    /**
     * Holds a control character other than newline and tab.
     *
     * @param codePoint the character
     * @param index its position in the trimmed prompt, in code points from 0
     */
    record ControlCharacter(int codePoint, int index) implements PromptCheck {
        @Override
        public String message() {
            return String.format(
                    Locale.ROOT,
                    "Prompt contains a control character (U+%04X) at position %d; only newlines and tabs are allowed.",
                    codePoint,
                    index + 1);
        }
    }

    /** The message for the learner; empty for an accepted prompt. */
    default String message() {
        return "";
    }
}
