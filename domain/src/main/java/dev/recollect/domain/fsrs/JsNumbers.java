package dev.recollect.domain.fsrs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * JavaScript's number formatting, where ts-fsrs's results depend on it: {@code Number.prototype.toString} inside the
 * fuzz seed, and {@code toFixed(8)} in parameter migration. Java 17's {@code Double.toString} is not the shortest
 * round-trip form and prints {@code "5.0"} where JavaScript prints {@code "5"}.
 */
final class JsNumbers {
    private static final BigDecimal TEN_TO_21 = BigDecimal.TEN.pow(21);
    private static final BigDecimal TEN_TO_MINUS_6 = new BigDecimal("1e-6");

    private JsNumbers() {}

    /** {@code String(x)} in JavaScript, for finite {@code x} (the products in fuzz seeds always are). */
    static String toString(double x) {
        if (x == 0) {
            return "0";
        }
        BigDecimal shortest = shortest(x);
        BigDecimal magnitude = shortest.abs();
        if (magnitude.compareTo(TEN_TO_21) < 0 && magnitude.compareTo(TEN_TO_MINUS_6) >= 0) {
            return shortest.toPlainString();
        }
        return exponential(shortest);
    }

    /** {@code +x.toFixed(8)} in JavaScript: the exact value of {@code x} rounded half up at 8 decimals. */
    static double toFixed8(double x) {
        // toFixed rounds the magnitude half up, so HALF_UP (away from zero) holds for negatives too.
        RoundingMode mode = RoundingMode.HALF_UP;
        return new BigDecimal(x).setScale(8, mode).doubleValue();
    }

    /** The decimal with the fewest significant digits that reads back as {@code x}, without trailing zeros. */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        int precision = 1;
        BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        // 17 significant digits always read back as the same double, so the loop ends by 17.
        while (candidate.doubleValue() != x) {
            precision++;
            candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        }
        return candidate.stripTrailingZeros();
    }

    private static String exponential(BigDecimal value) {
        String digits = value.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - value.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent >= 0 ? "+" : "") + exponent;
    }
}
