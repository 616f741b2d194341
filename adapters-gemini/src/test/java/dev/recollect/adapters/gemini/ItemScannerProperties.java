package dev.recollect.adapters.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.generation.GeneratedPhrasing;
import dev.recollect.domain.testing.SeededProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Any split of a recorded stream yields the same items, at the scanner and through the whole adapter. */
class ItemScannerProperties {
    private static final String TEXT = GeminiServer.fixture("phrasings.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> scan(String text, List<Integer> cuts) {
        ItemScanner scanner = new ItemScanner();
        List<String> items = new ArrayList<>();
        int previous = 0;
        for (int cut : new TreeSet<>(cuts)) {
            int at = Math.min(cut, text.length());
            items.addAll(scanner.feed(text.substring(previous, at)));
            previous = at;
        }
        items.addAll(scanner.feed(text.substring(previous)));
        return items;
    }

    @Test
    void theRecordedItemsAreTheArraysObjects() throws Exception {
        List<String> items = scan(TEXT, List.of());
        JsonNode expected = JSON.readTree(TEXT).get("phrasings");
        assertThat(items).hasSize(expected.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(JSON.readTree(items.get(i))).isEqualTo(expected.get(i));
        }
        assertThat(scan("[{\"a\":1},{\"b\":[2,{\"c\":3}]}]", List.of()))
                .containsExactly("{\"a\":1}", "{\"b\":[2,{\"c\":3}]}");
        assertThat(scan("{\"x\":\"[{\\\"not\\\":1}]\",\"items\":[{\"k\":\"}\"}]}", List.of()))
                .containsExactly("{\"k\":\"}\"}");
    }

    @SeededProperty
    void anySplitYieldsTheSameItems(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 1200) Integer> cuts) {
        assertThat(scan(TEXT, cuts)).isEqualTo(scan(TEXT, List.of()));
    }

    /** 40 tries: each starts a server; the scanner property above covers the splits in depth. */
    @Property(seed = SeededProperty.SEED, tries = 40)
    void anySplitOfTheStreamYieldsTheSamePhrasings(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 1200) Integer> cuts,
            @ForAll @IntRange(min = 1, max = 300) int chunk)
            throws Exception {
        StringBuilder events = new StringBuilder();
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cuts));
        int previous = 0;
        for (int cut : sorted) {
            int at = Math.min(cut, TEXT.length());
            events.append(GeminiServer.event(TEXT.substring(previous, at), null));
            previous = at;
        }
        events.append(GeminiServer.event(TEXT.substring(previous), "STOP"));
        try (GeminiServer gemini = new GeminiServer()) {
            gemini.enqueue(GeminiServer.sse(events.toString(), chunk));
            List<GeneratedPhrasing> received = new ArrayList<>();
            gemini.codeWords(received::add);
            assertThat(received)
                    .extracting(GeneratedPhrasing::question)
                    .containsExactlyElementsOf(GeminiServer.RECORDED_QUESTIONS);
        }
    }
}
