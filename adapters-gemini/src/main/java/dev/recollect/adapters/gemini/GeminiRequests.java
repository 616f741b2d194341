package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The request bodies: the reference's prompt structure (3 to 6 atomic concepts; phrasings that alternate multiple
 * choice and true/false, with the existing questions listed), structured output with {@code responseJsonSchema}
 * (never the older {@code responseSchema}, never {@code $schema}), and thinking off where the model allows, since
 * thinking tokens come out of the output budget.
 */
final class GeminiRequests {
    static final String CONCEPT_SYSTEM = "You are an expert learning designer. You break what a learner wants to"
            + " study into atomic concepts: each one a single idea that can be tested on its own. Answer only with"
            + " JSON that matches the response schema.";
    static final String PHRASING_SYSTEM = "You write quiz questions for a spaced-repetition app. Each question tests"
            + " one concept, has exactly one right answer, and comes with a short explanation. Answer only with JSON"
            + " that matches the response schema.";

    private final ObjectMapper json;
    private final String model;

    GeminiRequests(ObjectMapper json, String model) {
        this.json = json;
        this.model = model;
    }

    ObjectNode concepts(String prompt) {
        String user = "The learner wants to study:\n\"\"\"\n" + prompt + "\n\"\"\"\n\n"
                + "Propose 3 to 6 atomic concepts that together cover it. For each, give a short title (at least 5"
                + " characters), a one-sentence description, and why it matters to the learner.";
        ObjectNode item = object(
                "title", string("A short, specific name for the concept."),
                "description", string("One sentence: what the concept is."),
                "whyItMatters", string("One sentence: why the learner needs it."));
        return body(CONCEPT_SYSTEM, user, root("concepts", item, 1, 6));
    }

    ObjectNode phrasings(String title, String description, List<String> existing, int count) {
        StringBuilder user =
                new StringBuilder().append("Concept: ").append(title).append('\n');
        if (description != null && !description.isBlank()) {
            user.append("About it: ").append(description).append('\n');
        }
        user.append("\nWrite ")
                .append(count)
                .append(" questions about this concept. Alternate multiple-choice questions (3 to 5 options, one")
                .append(" right) and true/false statements (options exactly \"True\" and \"False\"). The")
                .append(" correctAnswer must be one of the options, copied exactly. Questions are 12 to 400")
                .append(" characters; explanations at least 12.");
        if (!existing.isEmpty()) {
            user.append("\n\nThe learner already has these questions; do not repeat or rephrase them:\n");
            existing.forEach(q -> user.append("- ").append(q).append('\n'));
        }
        ObjectNode item = object(
                "question", string("The question or true/false statement."),
                "explanation", string("Why the right answer is right, in one or two sentences."),
                "type",
                        json.createObjectNode()
                                .put("type", "string")
                                .set("enum", strings("multiple-choice", "true-false")),
                "options",
                        json.createObjectNode()
                                .put("type", "array")
                                .put("minItems", 2)
                                .put("maxItems", 5)
                                .set("items", json.createObjectNode().put("type", "string")),
                "correctAnswer", string("The right option, exactly as written in options."));
        return body(PHRASING_SYSTEM, user.toString(), root("phrasings", item, 1, Math.max(1, count)));
    }

    ObjectNode embedding(String embeddingModel, String text, int dimensions) {
        ObjectNode body = json.createObjectNode();
        body.put("model", "models/" + embeddingModel);
        body.putObject("content").putArray("parts").addObject().put("text", text);
        body.put("taskType", "SEMANTIC_SIMILARITY");
        body.put("outputDimensionality", dimensions);
        return body;
    }

    /** A {@code batchEmbedContents} body: one {@link #embedding} request per text, in order. */
    ObjectNode embeddings(String embeddingModel, java.util.List<String> texts, int dimensions) {
        ObjectNode body = json.createObjectNode();
        var each = body.putArray("requests");
        texts.forEach(text -> each.add(embedding(embeddingModel, text, dimensions)));
        return body;
    }

    private ObjectNode body(String system, String user, ObjectNode schema) {
        ObjectNode body = json.createObjectNode();
        body.putObject("systemInstruction").putArray("parts").addObject().put("text", system);
        ObjectNode content = body.putArray("contents").addObject();
        content.put("role", "user");
        content.putArray("parts").addObject().put("text", user);
        ObjectNode config = body.putObject("generationConfig");
        config.put("responseMimeType", "application/json");
        config.set("responseJsonSchema", schema);
        config.put("temperature", 0.7);
        config.put("maxOutputTokens", 8192);
        if (model.startsWith("gemini-2.5-flash")) {
            config.putObject("thinkingConfig").put("thinkingBudget", 0);
        }
        return body;
    }

    private ObjectNode root(String name, ObjectNode item, int min, int max) {
        ObjectNode schema = json.createObjectNode().put("type", "object");
        ObjectNode array = schema.putObject("properties")
                .putObject(name)
                .put("type", "array")
                .put("minItems", min)
                .put("maxItems", max);
        array.set("items", item);
        schema.set("required", strings(name));
        return schema;
    }

    private ObjectNode object(Object... namesAndSchemas) {
        ObjectNode schema = json.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.set((String) namesAndSchemas[i], (ObjectNode) namesAndSchemas[i + 1]);
            required.add((String) namesAndSchemas[i]);
        }
        return schema;
    }

    private ObjectNode string(String description) {
        return json.createObjectNode().put("type", "string").put("description", description);
    }

    private ArrayNode strings(String... values) {
        ArrayNode array = json.createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }
}
