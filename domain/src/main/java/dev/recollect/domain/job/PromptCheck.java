package dev.recollect.domain.job;

import java.util.Locale;
import java.util.function.Function;

/** The verdict on a prompt: accepted (trimmed), or rejected with a message for the learner. */
public sealed interface PromptCheck {
    /**
     * The value of the function for this verdict; every variant has its own, so a new variant breaks
     * the build wherever one is handled.
     *
     * @param accepted for {@link Accepted}
     * @param tooShort for {@link TooShort}
     * @param tooLong for {@link TooLong}
     * @param controlCharacter for {@link ControlCharacter}
     */
    <R> R fold(
            Function<Accepted, R> accepted,
            Function<TooShort, R> tooShort,
            Function<TooLong, R> tooLong,
            Function<ControlCharacter, R> controlCharacter);

    /**
     * The prompt is fine.
     *
     * @param prompt the trimmed prompt to store
     */
    record Accepted(String prompt) implements PromptCheck {
        @Override
        public <R> R fold(
                Function<Accepted, R> accepted,
                Function<TooShort, R> tooShort,
                Function<TooLong, R> tooLong,
                Function<ControlCharacter, R> controlCharacter) {
            return accepted.apply(this);
        }
    }

    /**
     * Too short after trimming.
     *
     * @param minimum the shortest allowed
     * @param length the prompt's length in code points
     */
    record TooShort(int minimum, int length) implements PromptCheck {
        @Override
        public <R> R fold(
                Function<Accepted, R> accepted,
                Function<TooShort, R> tooShort,
                Function<TooLong, R> tooLong,
                Function<ControlCharacter, R> controlCharacter) {
            return tooShort.apply(this);
        }

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
        public <R> R fold(
                Function<Accepted, R> accepted,
                Function<TooShort, R> tooShort,
                Function<TooLong, R> tooLong,
                Function<ControlCharacter, R> controlCharacter) {
            return tooLong.apply(this);
        }

        @Override
        public String message() {
            return "Prompt too long. Maximum " + maximum + " characters allowed.";
        }
    }

    /**
     * Holds a control character other than newline and tab, a directional formatting character, or an unpaired
     * surrogate.
     *
     * @param codePoint the character
     * @param index its position in the trimmed prompt, in code points from 0
     */
    record ControlCharacter(int codePoint, int index) implements PromptCheck {
        @Override
        public <R> R fold(
                Function<Accepted, R> accepted,
                Function<TooShort, R> tooShort,
                Function<TooLong, R> tooLong,
                Function<ControlCharacter, R> controlCharacter) {
            return controlCharacter.apply(this);
        }

        @Override
        public String message() {
            String kind = Character.isSurrogate((char) codePoint) && codePoint <= Character.MAX_VALUE
                    ? "an unpaired surrogate"
                    : "a control character";
            return String.format(
                    Locale.ROOT,
                    "Prompt contains %s (U+%04X) at position %d; only newlines and tabs are allowed.",
                    kind,
                    codePoint,
                    index + 1);
        }
    }

    /** The message for the learner; empty for an accepted prompt. */
    default String message() {
        return "";
    }
}
