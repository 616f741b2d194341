package dev.recollect.domain.fsrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JavaScript-compatible building blocks: Alea, number formatting, and the small value types. */
class PrimitivesTest {
    @Test
    void aleaGivesTheValuesOfTheReferenceImplementation() {
        Alea alea = new Alea("12345");
        assertThat(alea.next()).isEqualTo(0.27138191112317145);
        assertThat(alea.next()).isEqualTo(0.19615925149992108);
        assertThat(alea.next()).isEqualTo(0.6810678059700876);
        assertThat(new Alea("1727015666066").next()).isEqualTo(0.6320083506871015);
    }

    @Test
    void numbersFormatAsJavaScriptFormatsThem() {
        assertThat(JsNumbers.toString(0)).isEqualTo("0");
        assertThat(JsNumbers.toString(5.0)).isEqualTo("5");
        assertThat(JsNumbers.toString(36500.0)).isEqualTo("36500");
        assertThat(JsNumbers.toString(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(JsNumbers.toString(2.11810397 * 2.3065)).isEqualTo(Double.toString(2.11810397 * 2.3065));
        assertThat(JsNumbers.toString(1e21)).isEqualTo("1e+21");
        assertThat(JsNumbers.toString(123e-9)).isEqualTo("1.23e-7");
        assertThat(JsNumbers.toString(1e-7)).isEqualTo("1e-7");
        assertThat(JsNumbers.toString(9.99e-7)).isEqualTo("9.99e-7");
        assertThat(JsNumbers.toString(1e-6)).isEqualTo("0.000001");
        assertThat(JsNumbers.toString(1.5e-6)).isEqualTo("0.0000015");
        assertThat(JsNumbers.toString(-2.5)).isEqualTo("-2.5");
        assertThat(JsNumbers.toString(-1.5e22)).isEqualTo("-1.5e+22");
        assertThat(JsNumbers.toString(123456789012345680000.0)).isEqualTo("123456789012345680000");
        assertThat(JsNumbers.toString(5e-324)).isEqualTo("5e-324");
    }

    @Test
    void toFixed8RoundsTheExactValueHalfUp() {
        assertThat(JsNumbers.toFixed8(1.23456789123)).isEqualTo(1.23456789);
        // 1.234567885 is stored just below ...885, so JavaScript rounds it down too.
        assertThat(JsNumbers.toFixed8(1.234567885)).isEqualTo(1.23456788);
        // 2^-9 = 0.001953125 exactly: a true tie, which toFixed rounds away from zero on both signs.
        assertThat(JsNumbers.toFixed8(0.001953125)).isEqualTo(0.00195313);
        assertThat(JsNumbers.toFixed8(-0.001953125)).isEqualTo(-0.00195313);
        assertThat(JsNumbers.toFixed8(2)).isEqualTo(2);
    }

    @Test
    void ratingsAndStatesUseTsFsrsNumbersAndNames() {
        assertThat(Rating.ofGrade(1)).isEqualTo(Rating.AGAIN);
        assertThat(Rating.ofGrade(4)).isEqualTo(Rating.EASY);
        assertThat(Rating.EASY.grade()).isEqualTo(4);
        assertThat(Rating.MANUAL.grade()).isZero();
        assertThat(Rating.grades()).containsExactly(Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY);
        assertThatThrownBy(() -> Rating.ofGrade(0)).hasMessage("rating must be 1 (Again) to 4 (Easy), got 0");
        assertThatThrownBy(() -> Rating.ofGrade(5)).isInstanceOf(DomainException.class);
        assertThat(State.RELEARNING.displayName()).isEqualTo("Relearning");
        assertThat(State.NEW.displayName()).isEqualTo("New");
    }

    @Test
    void aCardChecksItsFields() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        Card empty = Card.empty(now);
        assertThat(empty.lastReviewed()).isEmpty();
        assertThat(empty.state()).isEqualTo(State.NEW);
        assertThat(Card.empty(Instant.parse("2024-01-01T00:00:00.123456Z")).due())
                .isEqualTo(Instant.parse("2024-01-01T00:00:00.123Z"));
        assertThatThrownBy(() -> new Card(now, -1, 0, 0, 0, 0, 0, 0, State.NEW, null))
                .hasMessageStartingWith("stability must be");
        assertThatThrownBy(() -> new Card(now, Double.NaN, 0, 0, 0, 0, 0, 0, State.NEW, null))
                .hasMessageStartingWith("stability must be");
        assertThatThrownBy(() -> new Card(now, Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0, State.NEW, null))
                .hasMessageStartingWith("stability must be");
        assertThatThrownBy(() -> new Card(now, 1, -2, 0, 0, 0, 0, 0, State.NEW, null))
                .hasMessageStartingWith("difficulty must be");
        assertThatThrownBy(() -> new Card(now, 1, Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0, State.NEW, null))
                .hasMessageStartingWith("difficulty must be");
        for (int field = 0; field < 4; field++) {
            int[] values = new int[4];
            values[field] = -1;
            assertThatThrownBy(
                            () -> new Card(now, 1, 1, values[0], 0, values[1], values[2], values[3], State.NEW, null))
                    .isInstanceOf(DomainException.class);
        }
        assertThat(new Card(now, 1, 1, 0, -3, 0, 0, 0, State.REVIEW, now).scheduledDays())
                .isEqualTo(-3);
        assertThatThrownBy(() -> new Card(null, 0, 0, 0, 0, 0, 0, 0, State.NEW, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("due");
        assertThatThrownBy(() -> new Card(now, 0, 0, 0, 0, 0, 0, 0, null, null)).hasMessage("state");
    }

    @Test
    void aPreviewHasNoManualOutcome() {
        Preview preview = new Scheduler(Parameters.defaults()).repeat(Card.empty(Instant.EPOCH), Instant.EPOCH);
        assertThatThrownBy(() -> preview.of(Rating.MANUAL)).isInstanceOf(IllegalArgumentException.class);
    }
}
