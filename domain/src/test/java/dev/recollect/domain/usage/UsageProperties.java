package dev.recollect.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.testing.SeededProperty;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class UsageProperties {

    @SeededProperty
    void addingUsageIsCommutativeAndAssociativeWithNoneAsIdentity(
            @ForAll("usages") TokenUsage a, @ForAll("usages") TokenUsage b, @ForAll("usages") TokenUsage c) {
        assertThat(a.plus(b)).isEqualTo(b.plus(a));
        assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
        assertThat(a.plus(TokenUsage.NONE)).isEqualTo(a);
        assertThat(a.plus(b).calls()).isEqualTo(a.calls() + b.calls());
        assertThat(a.plus(b).billedOutput()).isEqualTo(a.billedOutput() + b.billedOutput());
    }

    @SeededProperty
    void theCostIsThePromptAtTheInputPriceAndTheRestAtTheOutputPrice(
            @ForAll @LongRange(max = 50_000_000) long prompt,
            @ForAll @LongRange(max = 50_000_000) long output,
            @ForAll @LongRange(max = 50_000_000) long thinking,
            @ForAll @IntRange(max = 20_000) int inputCents,
            @ForAll @IntRange(max = 20_000) int outputCents) {
        ModelPrice price = new ModelPrice(BigDecimal.valueOf(inputCents, 2), BigDecimal.valueOf(outputCents, 2));
        TokenUsage usage = TokenUsage.ofCall(prompt, output, thinking, prompt + output + thinking);

        // Computed another way: prices are in cents per million tokens, so a token costs cents × 10⁻⁸ dollars.
        BigDecimal exact = BigDecimal.valueOf(prompt * inputCents + (output + thinking) * outputCents, 8);
        assertThat(price.cost(usage)).isEqualByComparingTo(exact.setScale(6, java.math.RoundingMode.HALF_UP));
    }

    @SeededProperty
    void aTableSurvivesItsOwnTextForm(@ForAll("tables") Map<String, ModelPrice> prices) {
        String text = prices.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().inputPerMillion().toPlainString() + "/"
                        + e.getValue().outputPerMillion().toPlainString())
                .collect(Collectors.joining(" , "));

        assertThat(PriceTable.parse(text)).isEqualTo(new PriceTable(prices));
    }

    @Test
    void modelsArePricedExactlyElseByTheirLongestKnownPrefix() {
        PriceTable table = PriceTable.GEMINI_LIST_PRICES;
        ModelPrice flash = ModelPrice.of("0.30", "2.50");
        ModelPrice lite = ModelPrice.of("0.10", "0.40");

        assertThat(table.priceOf("gemini-2.5-flash")).contains(flash);
        assertThat(table.priceOf("models/gemini-2.5-flash")).contains(flash);
        assertThat(table.priceOf("gemini-2.5-flash-preview-09-2025")).contains(flash);
        assertThat(table.priceOf("gemini-2.5-flash-lite-001")).contains(lite);
        assertThat(table.priceOf("gemini-1.5-pro")).isEmpty();
        assertThat(table.priceOf("offline-sample")).isEmpty();
    }

    @Test
    void aThousandPromptTokensAndFiveHundredOutOnFlashCostAFractionOfACent() {
        // 1,000 × $0.30 / 1M + (400 + 100) × $2.50 / 1M = $0.0003 + $0.00125
        TokenUsage usage = TokenUsage.ofCall(1_000, 400, 100, 1_500);

        assertThat(PriceTable.GEMINI_LIST_PRICES.cost("gemini-2.5-flash", usage))
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.00155"));
        assertThat(PriceTable.GEMINI_LIST_PRICES.cost("unknown-model", usage)).isEqualTo(Optional.empty());
    }

    @Test
    void overridesReplaceOnlyTheModelsTheyName() {
        PriceTable table = PriceTable.GEMINI_LIST_PRICES.with(PriceTable.parse("gemini-2.5-flash=1/2, mine=3/4"));

        assertThat(table.priceOf("gemini-2.5-flash")).contains(ModelPrice.of("1", "2"));
        assertThat(table.priceOf("mine")).contains(ModelPrice.of("3", "4"));
        assertThat(table.priceOf("gemini-2.5-pro")).contains(ModelPrice.of("1.25", "10.00"));
        assertThat(PriceTable.parse("  ").prices()).isEmpty();
        assertThat(PriceTable.parse("publishers/google/gemini-2.5-flash=0.5/3").prices())
                .containsOnlyKeys("publishers/google/gemini-2.5-flash");
    }

    @Test
    void malformedPricesAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> PriceTable.parse("a=1/2,b=1"))
                .isInstanceOf(DomainException.class)
                .hasMessage("Price entry 'b=1' is malformed: expected model=input/output");
        assertThatThrownBy(() -> PriceTable.parse("=1/2"))
                .hasMessage("Price entry '=1/2' is malformed: expected model=input/output");
        assertThatThrownBy(() -> PriceTable.parse("a=x/2"))
                .hasMessage("Price entry 'a=x/2' is malformed: prices must be decimal numbers of dollars per million"
                        + " tokens");
        assertThatThrownBy(() -> PriceTable.parse("a=1/2,a=3/4"))
                .hasMessage("Price entry 'a=3/4' is malformed: model a is priced twice");
        assertThatThrownBy(() -> PriceTable.parse("a=-1/2")).hasMessage("prices must not be negative, were -1 and 2");
        assertThatThrownBy(() -> PriceTable.parse("a=1/-2")).hasMessage("prices must not be negative, were 1 and -2");
        assertThatThrownBy(() -> PriceTable.parse("a=1/2,"))
                .hasMessage("Price entry '' is malformed: expected model=input/output");
    }

    @Test
    void negativeTokenCountsAreRefused() {
        assertThatThrownBy(() -> new TokenUsage(-1, 0, 0, 0, 0))
                .hasMessage("calls tokens must not be negative, was -1");
        assertThatThrownBy(() -> TokenUsage.ofCall(-1, 0, 0, 0))
                .hasMessage("prompt tokens must not be negative, was -1");
        assertThatThrownBy(() -> TokenUsage.ofCall(0, -1, 0, 0))
                .hasMessage("output tokens must not be negative, was -1");
        assertThatThrownBy(() -> TokenUsage.ofCall(0, 0, -1, 0))
                .hasMessage("thinking tokens must not be negative, was -1");
        assertThatThrownBy(() -> TokenUsage.ofCall(0, 0, 0, -1))
                .hasMessage("total tokens must not be negative, was -1");
        assertThat(TokenUsage.NONE.isNone()).isTrue();
        assertThat(TokenUsage.ofCall(0, 0, 0, 0).isNone()).isFalse();
    }

    @Provide
    Arbitrary<TokenUsage> usages() {
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, 1_000_000_000L);
        return Combinators.combine(Arbitraries.longs().between(0, 1000), tokens, tokens, tokens, tokens)
                .as(TokenUsage::new);
    }

    @Provide
    Arbitrary<Map<String, ModelPrice>> tables() {
        Arbitrary<String> models = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789-._:")
                .ofMinLength(1)
                .ofMaxLength(30);
        Arbitrary<BigDecimal> amounts = Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, BigDecimal.valueOf(1000))
                .ofScale(3);
        Arbitrary<ModelPrice> prices = Combinators.combine(amounts, amounts).as(ModelPrice::new);
        return Arbitraries.maps(models, prices).ofMaxSize(5).map(LinkedHashMap::new);
    }
}
