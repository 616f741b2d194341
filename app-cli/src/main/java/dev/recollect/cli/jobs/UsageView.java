package dev.recollect.cli.jobs;

import dev.recollect.domain.usage.PriceTable;
import dev.recollect.domain.usage.TokenUsage;
import dev.recollect.ports.out.JobStore.ModelUsage;
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
 *
 * @param usage the tokens by model
 * @param prices the price table
 */
record UsageView(List<ModelUsage> usage, PriceTable prices) {

    /** The JSON document: each model's tokens and cost, then the totals. */
    Map<String, Object> document() {
        List<Map<String, Object>> models = new ArrayList<>();
        List<String> unpriced = new ArrayList<>();
        for (ModelUsage used : usage) {
            Optional<BigDecimal> cost = prices.cost(used.model(), used.usage());
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("model", used.model());
            model.putAll(tokens(used.usage()));
            model.put("estimatedCostUsd", cost.map(BigDecimal::toPlainString).orElse(null));
            models.add(model);
            if (cost.isEmpty()) {
                unpriced.add(used.model());
            }
        }
        Map<String, Object> document = new LinkedHashMap<>(tokens(total()));
        document.put("estimatedCostUsd", cost().toPlainString());
        document.put("unpricedModels", unpriced);
        document.put("byModel", models);
        return document;
    }

    /** One line for people, such as {@code Tokens: 1,275 (prompt 750, output 500, thinking 25) in 5 calls; …}. */
    String line() {
        TokenUsage total = total();
        if (total.isNone()) {
            return "Tokens: none reported";
        }
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "Tokens: %,d (prompt %,d, output %,d, thinking %,d) in %,d calls; estimated cost $%s",
                total.total(),
                total.prompt(),
                total.output(),
                total.thinking(),
                total.calls(),
                cost().toPlainString()));
        List<String> unpriced = usage.stream()
                .map(ModelUsage::model)
                .filter(model -> prices.priceOf(model).isEmpty())
                .toList();
        if (!unpriced.isEmpty()) {
            line.append(" (not counting ")
                    .append(String.join(", ", unpriced))
                    .append(", which RECOLLECT_PRICES does not price)");
        }
        return line.toString();
    }

    private TokenUsage total() {
        return usage.stream().map(ModelUsage::usage).reduce(TokenUsage.NONE, TokenUsage::plus);
    }

    private BigDecimal cost() {
        return usage.stream()
                .map(used -> prices.cost(used.model(), used.usage()).orElse(BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO.setScale(6), BigDecimal::add);
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
