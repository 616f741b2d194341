package dev.recollect.domain.fsrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.testing.SeededProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The JavaScript-compatible building blocks (number formatting, toFixed(8), Alea) and the small value types, as the
 * rules that define them; the reference implementation's values and JavaScript's documented edge cases as examples.
 */
class PrimitivesProperties {
    /**
     * Number#toString: text that reads back as the same double, positional from 1e-6 up to (not including) 1e21 and
     * exponential outside, with no trailing ".0"; negatives are the positives with a minus. That it is the shortest
     * such text is checked by the examples (Java 17's own Double.toString is not always the shortest, so it cannot
     * be the oracle).
     */
    @SeededProperty
    void numbersFormatAsJavaScriptFormatsThem(@ForAll("finiteDoubles") double x) {
        String text = JsNumbers.toString(x);
        assertThat(Double.parseDouble(text)).isEqualTo(x == 0 ? 0.0 : x);
        double magnitude = Math.abs(x);
        boolean positional = x == 0 || (magnitude >= 1e-6 && magnitude < 1e21);
        assertThat(text.contains("e")).as(text).isEqualTo(!positional);
        assertThat(text).doesNotEndWith(".0").doesNotContain("E");
        if (x < 0) {
            assertThat(text).isEqualTo("-" + JsNumbers.toString(-x));
        }
    }

    @Provide
    Arbitrary<Double> finiteDoubles() {
        Arbitrary<Double> anyScale = Arbitraries.integers().between(-320, 300).flatMap(exponent -> Arbitraries.doubles()
                .between(1, 10)
                .map(mantissa -> mantissa * Math.pow(10, exponent)));
        return Arbitraries.oneOf(
                        anyScale,
                        Arbitraries.doubles().between(-1e6, 1e6),
                        Arbitraries.of(0.0, 1e-6, 1e21, 5e-324, Double.MAX_VALUE, 36500.0))
                .flatMap(x -> Arbitraries.of(x, -x))
                .filter(Double::isFinite);
    }

    @Example
    void javaScriptsOwnEdgeCases() {
        assertThat(JsNumbers.toString(5.0)).isEqualTo("5");
        assertThat(JsNumbers.toString(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(JsNumbers.toString(1e21)).isEqualTo("1e+21");
        assertThat(JsNumbers.toString(123e-9)).isEqualTo("1.23e-7");
        assertThat(JsNumbers.toString(1e-6)).isEqualTo("0.000001");
        assertThat(JsNumbers.toString(-1.5e22)).isEqualTo("-1.5e+22");
        assertThat(JsNumbers.toString(123456789012345680000.0)).isEqualTo("123456789012345680000");
        assertThat(JsNumbers.toString(5e-324)).isEqualTo("5e-324");
    }

    /**
     * toFixed(8) then Number(): the exact binary value rounded half away from zero at the eighth decimal, read back;
     * so it is idempotent, odd, and never more than half a unit of the eighth decimal away.
     */
    @SeededProperty
    void toFixed8RoundsTheExactValueHalfAwayFromZero(@ForAll @DoubleRange(min = -1e6, max = 1e6) double x) {
        double fixed = JsNumbers.toFixed8(x);
        double expected = new BigDecimal(x).setScale(8, RoundingMode.HALF_UP).doubleValue();
        assertThat(fixed).isEqualTo(expected);
        assertThat(JsNumbers.toFixed8(fixed)).isEqualTo(fixed);
        assertThat(JsNumbers.toFixed8(-x)).isEqualTo(fixed == 0 ? 0.0 : -fixed);
        assertThat(Math.abs(fixed - x)).isLessThanOrEqualTo(5e-9 + Math.ulp(x));
    }

    @Example
    void toFixed8OfStoredValuesAndTrueTies() {
        // 1.234567885 is stored just below ...885, so JavaScript rounds it down too.
        assertThat(JsNumbers.toFixed8(1.234567885)).isEqualTo(1.23456788);
        // 2^-9 = 0.001953125 exactly: a true tie, which toFixed rounds away from zero on both signs.
        assertThat(JsNumbers.toFixed8(0.001953125)).isEqualTo(0.00195313);
        assertThat(JsNumbers.toFixed8(-0.001953125)).isEqualTo(-0.00195313);
    }

    @Example
    void aleaGivesTheValuesOfTheReferenceImplementation() {
        Alea alea = new Alea("12345");
        assertThat(alea.next()).isEqualTo(0.27138191112317145);
        assertThat(alea.next()).isEqualTo(0.19615925149992108);
        assertThat(alea.next()).isEqualTo(0.6810678059700876);
        assertThat(new Alea("1727015666066").next()).isEqualTo(0.6320083506871015);
    }

    /** Alea is a function of its seed, and draws from [0, 1). */
    @SeededProperty
    void aleaIsDeterministicAndDrawsFromTheUnitInterval(@ForAll @LongRange(min = 0) long seed) {
        Alea one = new Alea(Long.toString(seed));
        Alea two = new Alea(Long.toString(seed));
        for (int i = 0; i < 20; i++) {
            double value = one.next();
            assertThat(value).isEqualTo(two.next()).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
    }

    /** Grades 1 to 4 are Again to Easy and back; every other number is refused, naming it; Manual has grade 0. */
    @SeededProperty
    void ratingsAreTsFsrsGrades(@ForAll @IntRange(min = -10, max = 10) int grade) {
        if (grade >= 1 && grade <= 4) {
            Rating rating = Rating.ofGrade(grade);
            assertThat(rating.grade()).isEqualTo(grade);
            assertThat(Rating.grades()[grade - 1]).isEqualTo(rating);
        } else {
            assertThatThrownBy(() -> Rating.ofGrade(grade))
                    .isInstanceOf(DomainException.class)
                    .hasMessage("rating must be 1 (Again) to 4 (Easy), got " + grade);
        }
        assertThat(Rating.MANUAL.grade()).isZero();
    }

    /** A state's display name is ts-fsrs's: its name capitalised. */
    @SeededProperty
    void statesUseTsFsrsNames(@ForAll State state) {
        String name = state.name();
        assertThat(state.displayName())
                .isEqualTo(name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT));
    }

    /** A new card is new, never reviewed, and due when it was made, to the millisecond as ts-fsrs keeps times. */
    @SeededProperty
    void anEmptyCardIsNewAndDueAtItsCreationToTheMillisecond(
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long seconds,
            @ForAll @IntRange(max = 999_999_999) int nanos) {
        Instant created = Instant.ofEpochSecond(seconds, nanos);
        Card empty = Card.empty(created);
        assertThat(empty.state()).isEqualTo(State.NEW);
        assertThat(empty.lastReviewed()).isEmpty();
        Card reviewed = new Scheduler(Parameters.defaults())
                .next(empty, created, Rating.GOOD)
                .card();
        assertThat(reviewed.lastReviewed()).contains(created.truncatedTo(ChronoUnit.MILLIS));
        assertThat(empty.due()).isEqualTo(created.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A memory state must be finite and non-negative; counters must not be negative; scheduled days may be. */
    @SeededProperty
    void aCardRefusesImpossibleFields(
            @ForAll("impossibleMemory") double bad,
            @ForAll @IntRange(min = 0, max = 3) int counter,
            @ForAll @IntRange(min = -1000, max = -1) int negative) {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        assertThatThrownBy(() -> new Card(now, bad, 0, 0, 0, 0, 0, 0, State.NEW, null))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("stability must be");
        assertThatThrownBy(() -> new Card(now, 1, bad, 0, 0, 0, 0, 0, State.NEW, null))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("difficulty must be");
        int[] counts = new int[4];
        counts[counter] = negative;
        assertThatThrownBy(() -> new Card(now, 1, 1, counts[0], 0, counts[1], counts[2], counts[3], State.NEW, null))
                .isInstanceOf(DomainException.class);
        assertThat(new Card(now, 1, 1, 0, negative, 0, 0, 0, State.REVIEW, now).scheduledDays())
                .isEqualTo(negative);
    }

    @Provide
    Arbitrary<Double> impossibleMemory() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e9, -0.01),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    @Example
    void aCardNeedsItsDueTimeAndState() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        assertThatThrownBy(() -> new Card(null, 0, 0, 0, 0, 0, 0, 0, State.NEW, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("due");
        assertThatThrownBy(() -> new Card(now, 0, 0, 0, 0, 0, 0, 0, null, null)).hasMessage("state");
    }

    /** A preview has an outcome for each of the four grades and none for Manual, whatever the card. */
    @SeededProperty
    void aPreviewHasNoManualOutcome(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long seconds) {
        Instant at = Instant.ofEpochSecond(seconds);
        Preview preview = new Scheduler(Parameters.defaults()).repeat(Card.empty(at), at);
        for (Rating rating : Rating.grades()) {
            assertThat(preview.of(rating).log().rating()).isEqualTo(rating);
        }
        assertThatThrownBy(() -> preview.of(Rating.MANUAL)).isInstanceOf(IllegalArgumentException.class);
    }
}
