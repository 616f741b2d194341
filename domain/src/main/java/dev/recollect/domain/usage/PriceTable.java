package dev.recollect.domain.usage;

import dev.recollect.domain.DomainException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices by model id, for estimating what jobs cost.
 *
 * <p>A model is priced by its exact id, else by the longest id in the table that begins it, so that a dated
 * variant ({@code gemini-2.5-flash-preview-09-2025}) takes its family's price while {@code gemini-2.5-flash-lite}
 * keeps its own. A model the table does not know has no estimate rather than a guessed one.
 *
 * @param prices the price of each model id
 */
public record PriceTable(Map<String, ModelPrice> prices) {
    /**
     * Google's list prices for paid-tier Gemini text models, in dollars per million tokens, as published when this
     * table was written (prompts up to 200k tokens). Override them with {@link #parse} when they change.
     */
    public static final PriceTable GEMINI_LIST_PRICES = new PriceTable(Map.of(
            "gemini-2.5-pro", ModelPrice.of("1.25", "10.00"),
            "gemini-2.5-flash", ModelPrice.of("0.30", "2.50"),
            "gemini-2.5-flash-lite", ModelPrice.of("0.10", "0.40"),
            "gemini-2.0-flash", ModelPrice.of("0.10", "0.40"),
            "gemini-2.0-flash-lite", ModelPrice.of("0.075", "0.30")));

    /** Copies the map. */
    public PriceTable {
        prices = Map.copyOf(prices);
    }

    /** The price of {@code model}: its own, else the longest known prefix's. */
    public Optional<ModelPrice> priceOf(String model) {
        String id = model.startsWith("models/") ? model.substring("models/".length()) : model;
        // The model's own id, when the table has it, is the longest key that begins it.
        return prices.keySet().stream()
                .filter(id::startsWith)
                .max(Comparator.comparingInt(String::length))
                .map(prices::get);
    }

    /** The estimated cost of {@code usage} on {@code model}; empty when the model has no price. */
    public Optional<BigDecimal> cost(String model, TokenUsage usage) {
        return priceOf(model).map(price -> price.cost(usage));
    }

    /** This table with {@code overrides} added, replacing prices of the same models. */
    public PriceTable with(PriceTable overrides) {
        Map<String, ModelPrice> merged = new LinkedHashMap<>(prices);
        merged.putAll(overrides.prices);
        return new PriceTable(merged);
    }

    /**
     * Parses {@code model=input/output} entries separated by commas, prices in dollars per million tokens, such as
     * {@code gemini-2.5-flash=0.30/2.50,my-model=1/4}. Blank text is an empty table.
     *
     * @throws DomainException naming the entry that is malformed
     */
    public static PriceTable parse(String text) {
        Map<String, ModelPrice> parsed = new LinkedHashMap<>();
        if (text.isBlank()) {
            return new PriceTable(parsed);
        }
        for (String entry : text.split(",", -1)) {
            String trimmed = entry.strip();
            int equals = trimmed.indexOf('=');
            int slash = trimmed.indexOf('/', equals + 1);
            if (equals <= 0 || slash < 0) {
                throw malformed(trimmed, "expected model=input/output");
            }
            String model = trimmed.substring(0, equals).strip();
            try {
                ModelPrice price = ModelPrice.of(
                        trimmed.substring(equals + 1, slash).strip(),
                        trimmed.substring(slash + 1).strip());
                if (parsed.put(model, price) != null) {
                    throw malformed(trimmed, "model " + model + " is priced twice");
                }
            } catch (NumberFormatException e) {
                throw malformed(trimmed, "prices must be decimal numbers of dollars per million tokens");
            }
        }
        return new PriceTable(parsed);
    }

    private static DomainException malformed(String entry, String why) {
        return new DomainException("Price entry '" + entry + "' is malformed: " + why);
    }
}
