package dev.recollect.cli.app.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.generation.ConceptIdea;
import dev.recollect.domain.generation.GeneratedPhrasing;
import dev.recollect.domain.generation.PhrasingFilter;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.LlmException;
import dev.recollect.ports.out.PhrasingGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OfflineModelTest {
    private final List<LlmCall> calls = new ArrayList<>();

    @AfterEach
    void noProviderWasCalled() {
        assertThat(calls)
                .as("the offline model calls no provider, so reports no call")
                .isEmpty();
    }

    private final OfflineModel model = OfflineModel.bundled();

    @Test
    void itKnowsItsTopicsByKeywordAndSaysWhatItIs() {
        assertThat(model.topics()).containsExactly("NATO phonetic alphabet", "Photosynthesis", "Prime numbers");
        assertThat(model.notice()).contains("Offline sample content");
        List<ConceptIdea> concepts = model.synthesize("Teach me the NATO Phonetic Alphabet please", calls::add);
        assertThat(concepts).hasSize(5);
        assertThat(concepts.get(0).title()).isEqualTo("Code words for A to I");
        assertThat(model.synthesize("the calvin cycle", calls::add)).hasSize(4);
    }

    @Test
    void anUnknownTopicIsAClearNonRetryableFailure() {
        assertThatThrownBy(() -> model.synthesize("Medieval French poetry", calls::add))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("only knows these topics: NATO phonetic alphabet, Photosynthesis, Prime numbers")
                .satisfies(e -> assertThat(((LlmException) e).providerFailure())
                        .isInstanceOf(ProviderFailure.Misconfigured.class));
        assertThatThrownBy(() -> model.generate(
                        new PhrasingGenerator.Request("Unknown", null, List.of(), 4), p -> true, calls::add))
                .isInstanceOf(LlmException.class);
    }

    @Test
    void phrasingsSkipExistingQuestionsStopAtTheCountAndWhenTheSinkSaysSo() {
        List<GeneratedPhrasing> all = new ArrayList<>();
        model.generate(
                new PhrasingGenerator.Request("code words for a to i", null, List.of(), 10), all::add, calls::add);
        assertThat(all).hasSize(4);
        List<GeneratedPhrasing> rest = new ArrayList<>();
        model.generate(
                new PhrasingGenerator.Request(
                        "Code words for A to I", null, List.of(" WHICH code word stands for the letter D? "), 2),
                rest::add,
                calls::add);
        assertThat(rest).containsExactly(all.get(1), all.get(2));
        List<GeneratedPhrasing> one = new ArrayList<>();
        model.generate(
                new PhrasingGenerator.Request("Code words for A to I", null, List.of(), 4),
                p -> {
                    one.add(p);
                    return false;
                },
                calls::add);
        assertThat(one).hasSize(1);
    }

    @Test
    void everyBundledPhrasingPassesTheFilter() {
        for (String topic : model.topics()) {
            for (ConceptIdea concept : model.synthesize(topic, calls::add)) {
                List<GeneratedPhrasing> phrasings = new ArrayList<>();
                model.generate(
                        new PhrasingGenerator.Request(concept.title(), null, List.of(), 10),
                        phrasings::add,
                        calls::add);
                assertThat(phrasings).hasSizeGreaterThanOrEqualTo(3);
                PhrasingFilter filter = new PhrasingFilter(List.of(), phrasings.size());
                for (GeneratedPhrasing phrasing : phrasings) {
                    assertThat(filter.offer(phrasing)).as(phrasing.question()).isPresent();
                }
            }
        }
    }
}
