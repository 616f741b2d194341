package dev.recollect.cli.jobs;

import dev.recollect.domain.usage.ModelUsage;
import dev.recollect.domain.usage.PriceTable;
import dev.recollect.domain.usage.TokenUsage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens and their estimated cost, as {@code jobs show} and {@code jobs stats} print them. A model the price table
 * does not know is listed as unpriced and left out of the total, rather than priced by a guess.
 */
final class UsageView {
    private final List<Priced> models;
    private final TokenUsage total;
    private final BigDecimal cost;
    private final List<String> unpriced;

    /** One model's tokens, with their cost when the model has a price. */
    private record Priced(ModelUsage used, Optional<BigDecimal> cost) {}

    /** The view of {@code usage} priced with {@code prices}. */
    UsageView(List<ModelUsage> usage, PriceTable prices) {
        this.models = usage.stream()
                .map(used -> new Priced(used, prices.cost(used.model(), used.usage())))
                .toList();
        this.total = usage.stream().map(ModelUsage::usage).reduce(TokenUsage.NONE, TokenUsage::plus);
        this.cost = models.stream()
                .map(priced -> priced.cost().orElse(BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO.setScale(6), BigDecimal::add);
        this.unpriced = models.stream()
                .filter(priced -> priced.cost().isEmpty())
                .map(priced -> priced.used().model())
                .toList();
    }

    /** The JSON document: each model's tokens and cost, then the totals. */
    Map<String, Object> document() {
        List<Map<String, Object>> byModel = new ArrayList<>();
        for (Priced priced : models) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("model", priced.used().model());
            model.putAll(tokens(priced.used().usage()));
            model.put(
                    "estimatedCostUsd",
                    priced.cost().map(BigDecimal::toPlainString).orElse(null));
            byModel.add(model);
        }
        Map<String, Object> document = new LinkedHashMap<>(tokens(total));
        document.put("estimatedCostUsd", cost.toPlainString());
        document.put("unpricedModels", unpriced);
        document.put("byModel", byModel);
        return document;
    }

    /** One line for people, such as {@code Tokens: 1,275 (prompt 750, output 500, thinking 25) in 5 calls; …}. */
    String line() {
        if (total.isNone()) {
            return "Tokens: none reported";
        }
        String line = String.format(
                Locale.ROOT,
                "Tokens: %,d (prompt %,d, output %,d, thinking %,d) in %,d calls; estimated cost $%s",
                total.total(),
                total.prompt(),
                total.output(),
                total.thinking(),
                total.calls(),
                cost.toPlainString());
        return unpriced.isEmpty()
                ? line
                : line + " (not counting " + String.join(", ", unpriced) + ", which RECOLLECT_PRICES does not price)";
    }

    private static Map<String, Object> tokens(TokenUsage usage) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("calls", usage.calls());
        tokens.put("promptTokens", usage.prompt());
        tokens.put("outputTokens", usage.output());
        tokens.put("thinkingTokens", usage.thinking());
        tokens.put("totalTokens", usage.total());
        return tokens;
    }
}
