package dev.recollect.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.usage.ModelUsage;
import dev.recollect.domain.usage.PriceTable;
import dev.recollect.domain.usage.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageViewTest {
    private final PriceTable prices = PriceTable.GEMINI_LIST_PRICES;

    @Test
    void theLineSumsEveryModelAndPricesTheKnownOnes() {
        UsageView view = new UsageView(
                List.of(
                        new ModelUsage("gemini-2.5-flash", new TokenUsage(4, 10_000, 3_000, 1_000, 14_000)),
                        new ModelUsage("gemini-2.5-flash-lite", TokenUsage.ofCall(1_000_000, 0, 0, 1_000_000))),
                prices);

        // 10,000 × $0.30/M + 4,000 × $2.50/M = $0.013; 1M × $0.10/M = $0.10.
        assertThat(view.line())
                .isEqualTo("Tokens: 1,014,000 (prompt 1,010,000, output 3,000, thinking 1,000) in 5 calls;"
                        + " estimated cost $0.113000");
        assertThat(view.document())
                .containsEntry("estimatedCostUsd", "0.113000")
                .containsEntry("totalTokens", 1_014_000L)
                .containsEntry("unpricedModels", List.of());
    }

    @Test
    void anUnpricedModelIsNamedAndLeftOutOfTheCost() {
        UsageView view = new UsageView(
                List.of(
                        new ModelUsage("gemini-2.5-flash", TokenUsage.ofCall(1_000_000, 0, 0, 1_000_000)),
                        new ModelUsage("my-model", TokenUsage.ofCall(5, 5, 0, 10))),
                prices);

        assertThat(view.line())
                .endsWith("estimated cost $0.300000 (not counting my-model, which RECOLLECT_PRICES does not price)");
        assertThat(view.document()).containsEntry("unpricedModels", List.of("my-model"));
    }

    @Test
    void noUsageSaysSo() {
        UsageView view = new UsageView(List.of(), prices);

        assertThat(view.line()).isEqualTo("Tokens: none reported");
        assertThat(view.document()).containsEntry("totalTokens", 0L).containsEntry("estimatedCostUsd", "0.000000");
    }
}
