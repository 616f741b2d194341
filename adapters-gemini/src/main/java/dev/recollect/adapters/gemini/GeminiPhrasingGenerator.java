package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.ports.out.LlmCall;
import dev.recollect.ports.out.PhrasingGenerator;
import java.util.Optional;

/**
 * Phrasing generation with {@code streamGenerateContent?alt=sse}: each phrasing goes to the sink as soon as its JSON
 * object closes in the text received so far, so the pipeline saves it before the stream ends.
 */
final class GeminiPhrasingGenerator implements PhrasingGenerator {
    private final GeminiTransport transport;
    private final ObjectMapper json;
    private final GeminiRequests requests;
    private final String model;

    GeminiPhrasingGenerator(GeminiTransport transport, ObjectMapper json, GeminiRequests requests, String model) {
        this.transport = transport;
        this.json = json;
        this.model = model;
        this.requests = requests;
    }

    @Override
    public void generate(Request request, Sink sink, LlmCall.Listener calls) {
        Listener listener = new Listener(sink);
        transport.stream(
                model,
                requests.phrasings(
                        request.conceptTitle(),
                        request.conceptDescription(),
                        request.existingQuestions(),
                        request.count()),
                listener,
                calls);
        if (!listener.stopped) {
            GeminiResponses.checkFinish(listener.finishReason);
            // The phrasings that closed were handed over as they streamed; a malformed whole is still a failure.
            GeminiResponses.checkWellFormed(json, listener.text.toString(), "phrasings");
        }
    }

    /** One stream's state: the scanner over the text so far, and the last finish reason seen. */
    private final class Listener implements GeminiTransport.StreamListener {
        private final Sink sink;
        private ItemScanner scanner = new ItemScanner();
        private final StringBuilder text = new StringBuilder();
        private boolean delivered;
        private boolean stopped;
        private String finishReason = "";

        Listener(Sink sink) {
            this.sink = sink;
        }

        @Override
        public boolean onEvent(JsonNode event) {
            GeminiResponses.checkPrompt(event);
            String piece = GeminiResponses.text(event);
            text.append(piece);
            for (String closed : scanner.feed(piece)) {
                Optional<Items.PhrasingItem> item = Items.read(json, closed, Items.PhrasingItem.class);
                if (item.isPresent()) {
                    delivered = true;
                    if (!sink.accept(item.get().toPhrasing())) {
                        stopped = true;
                        return false;
                    }
                }
            }
            // Older models repeat the finish reason on every event: the last one counts.
            String reason = GeminiResponses.finishReason(event);
            if (!reason.isEmpty()) {
                finishReason = reason;
            }
            return true;
        }

        @Override
        public boolean deliveredAny() {
            return delivered;
        }

        @Override
        public void restart() {
            // A retried stream starts again from an empty text; nothing was delivered, or it would not be retried.
            scanner = new ItemScanner();
            text.setLength(0);
            finishReason = "";
        }
    }
}
