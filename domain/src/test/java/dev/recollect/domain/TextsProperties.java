package dev.recollect.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.PromptCheck;
import dev.recollect.domain.testing.SeededProperty;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Which text can be kept, and how text is shown in a message. */
class TextsProperties {
    @SeededProperty
    void textOfWholeCodePointsWithoutNulIsStorable(@ForAll("wholeText") String text) {
        assertThat(Texts.storable(text)).isTrue();
    }

    @SeededProperty
    void aNulOrAnUnpairedSurrogateAnywhereMakesTextUnstorable(
            @ForAll("wholeText") String text, @ForAll @IntRange(max = 1000) int at, @ForAll("unstorable") char bad) {
        int offset = text.offsetByCodePoints(0, Math.min(at, text.codePointCount(0, text.length())));
        String spoilt = text.substring(0, offset) + bad + text.substring(offset);

        assertThat(Texts.storable(spoilt)).isFalse();
    }

    @SeededProperty
    void aQuotedValueShowsNoControlSurrogateOrDirectionalCharacterAndAtMostEightyOfTheOriginal(
            @ForAll("anyText") String text) {
        String quoted = Texts.quoted(text);

        assertThat(quoted.chars()
                        .filter(c ->
                                Character.isISOControl(c) || Character.isSurrogate((char) c) || Texts.isDirectional(c))
                        .count())
                .isZero();
        assertThat(quoted).startsWith("\"");
        if (text.length() <= Texts.SHOWN) {
            assertThat(quoted).endsWith("\"");
        } else {
            assertThat(quoted).endsWith(" (and " + (text.length() - Texts.SHOWN) + " more characters)");
        }
    }

    @SeededProperty
    void aPromptWithDirectionalFormattingOrAnUnpairedSurrogateIsRefusedWhereItIs(
            @ForAll @IntRange(min = 0, max = 20) int before, @ForAll("refusedInPrompts") char bad) {
        String prompt = "a".repeat(before + 3) + bad + "bcd";

        PromptCheck check = JobPolicy.DEFAULT.checkPrompt(prompt);

        assertThat(check).isEqualTo(new PromptCheck.ControlCharacter(bad, before + 3));
    }

    @Example
    void theMessagesSayWhatTheCharacterIs() {
        assertThat(JobPolicy.DEFAULT.checkPrompt("abc\u202Edef").message())
                .isEqualTo("Prompt contains a control character (U+202E) at position 4; only newlines and tabs are"
                        + " allowed.");
        assertThat(JobPolicy.DEFAULT.checkPrompt("abc\uD800def").message())
                .isEqualTo("Prompt contains an unpaired surrogate (U+D800) at position 4; only newlines and tabs are"
                        + " allowed.");
        assertThat(JobPolicy.DEFAULT.checkPrompt("tides \uD83C\uDF0A")).isInstanceOf(PromptCheck.Accepted.class);
        assertThat(Texts.quoted(null)).isEqualTo("null");
        assertThat(Texts.quoted("a\u0000\u001b[2J")).isEqualTo("\"a\\u0000\\u001B[2J\"");
        assertThat(Texts.storable("\uD83C")).isFalse();
        assertThat(Texts.storable("\uDF0A\uD83C")).isFalse();
        assertThat(Texts.storable("\uD83C\uDF0A")).isTrue();
        assertThat(Texts.storable("")).isTrue();
    }

    @Provide
    Arbitrary<String> wholeText() {
        return Arbitraries.strings()
                .withCharRange('\u0001', '\uD7FF')
                .withChars('\uE000', '\uFFFD')
                .ofMaxLength(60)
                .flatMap(text ->
                        Arbitraries.of("", "\uD83C\uDF0A", "\uD835\uDC00").map(pair -> pair + text + pair));
    }

    @Provide
    Arbitrary<Character> unstorable() {
        return Arbitraries.oneOf(Arbitraries.just('\u0000'), Arbitraries.chars().range('\uD800', '\uDFFF'));
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(200);
    }

    @Provide
    Arbitrary<Character> refusedInPrompts() {
        return Arbitraries.oneOf(
                Arbitraries.chars().range('\u202A', '\u202E'),
                Arbitraries.chars().range('\u2066', '\u2069'),
                Arbitraries.chars().range('\uD800', '\uDFFF'));
    }
}
