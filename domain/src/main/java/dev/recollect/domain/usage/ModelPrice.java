package dev.recollect.domain.usage;

import dev.recollect.domain.DomainException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a model charges, in US dollars per million tokens.
 *
 * @param inputPerMillion the price of a million prompt tokens
 * @param outputPerMillion the price of a million output tokens, thinking included
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** Rejects missing and negative prices. */
    public ModelPrice {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new DomainException(
                    "prices must not be negative, were " + inputPerMillion + " and " + outputPerMillion);
        }
    }

    /** A price from two decimal strings, such as {@code "0.30"} and {@code "2.50"}. */
    public static ModelPrice of(String inputPerMillion, String outputPerMillion) {
        return new ModelPrice(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion));
    }

    /**
     * The estimated cost of {@code usage} in dollars, exact to a millionth of a dollar (rounded half up): the
     * prompt at the input price, the answer and the thinking at the output price.
     */
    public BigDecimal cost(TokenUsage usage) {
        BigDecimal input = inputPerMillion.multiply(BigDecimal.valueOf(usage.prompt()));
        BigDecimal output = outputPerMillion.multiply(BigDecimal.valueOf(usage.billedOutput()));
        return input.add(output).divide(MILLION, 6, RoundingMode.HALF_UP);
    }
}
