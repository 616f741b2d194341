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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

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

    @Example
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

    /**
     * A model is priced as the longest key of the table that begins its id (with or without {@code models/}): its
     * own entry, else its family's; a model no key begins has no price.
     */
    @SeededProperty
    void modelsArePricedByTheirLongestKnownPrefix(
            @ForAll("tables") Map<String, ModelPrice> prices,
            @ForAll("models") String model,
            @ForAll boolean qualified) {
        PriceTable table = new PriceTable(prices);
        Optional<String> longest = prices.keySet().stream()
                .filter(model::startsWith)
                .max(java.util.Comparator.comparingInt(String::length));
        Optional<ModelPrice> expected = longest.map(prices::get);
        assertThat(table.priceOf(qualified ? "models/" + model : model)).isEqualTo(expected);
        TokenUsage usage = TokenUsage.ofCall(1_000, 400, 100, 1_500);
        assertThat(table.cost(model, usage)).isEqualTo(expected.map(price -> price.cost(usage)));
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.strings().withChars("abc-.").ofMinLength(1).ofMaxLength(8);
    }

    @Example
    void theListPricesOfGemini() {
        PriceTable table = PriceTable.GEMINI_LIST_PRICES;
        assertThat(table.priceOf("gemini-2.5-flash-preview-09-2025")).contains(ModelPrice.of("0.30", "2.50"));
        assertThat(table.priceOf("gemini-2.5-flash-lite-001")).contains(ModelPrice.of("0.10", "0.40"));
        assertThat(table.priceOf("gemini-1.5-pro")).isEmpty();
        // 1,000 × $0.30 / 1M + (400 + 100) × $2.50 / 1M = $0.0003 + $0.00125
        assertThat(table.cost("gemini-2.5-flash", TokenUsage.ofCall(1_000, 400, 100, 1_500)))
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.00155"));
    }

    /** Overrides replace the prices of the models they name, add new ones, and leave every other price alone. */
    @SeededProperty
    void overridesReplaceOnlyTheModelsTheyName(
            @ForAll("tables") Map<String, ModelPrice> base, @ForAll("tables") Map<String, ModelPrice> overrides) {
        PriceTable merged = new PriceTable(base).with(new PriceTable(overrides));
        java.util.Set<String> keys = new java.util.HashSet<>(base.keySet());
        keys.addAll(overrides.keySet());
        assertThat(merged.prices().keySet()).isEqualTo(keys);
        for (String key : keys) {
            assertThat(merged.prices().get(key))
                    .isEqualTo(overrides.containsKey(key) ? overrides.get(key) : base.get(key));
        }
    }

    /** A negative token count is refused, naming which. */
    @SeededProperty
    void negativeTokenCountsAreRefused(
            @ForAll @IntRange(min = 0, max = 4) int field,
            @ForAll @LongRange(min = -1_000_000, max = -1) long negative) {
        long[] counts = {0, 0, 0, 0};
        counts[field % 4] = negative;
        String[] names = {"prompt", "output", "thinking", "total"};
        if (field == 4) {
            assertThatThrownBy(() -> new TokenUsage(negative, 0, 0, 0, 0))
                    .hasMessage("calls tokens must not be negative, was " + negative);
        } else {
            assertThatThrownBy(() -> TokenUsage.ofCall(counts[0], counts[1], counts[2], counts[3]))
                    .isInstanceOf(DomainException.class)
                    .hasMessage(names[field] + " tokens must not be negative, was " + negative);
        }
    }

    @Example
    void noneIsNoCall() {
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
