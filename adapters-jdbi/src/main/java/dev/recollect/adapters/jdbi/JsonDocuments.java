package dev.recollect.adapters.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.migration.BatchStats;
import dev.recollect.domain.migration.RecordFailure;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSONB to and from the domain's plain values: documents, batch stats and failures. */
final class JsonDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, String>>> FAILURES = new TypeReference<>() {};

    private JsonDocuments() {}

    static Map<String, Object> object(String json) {
        try {
            return JSON.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored JSON is not an object", e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write JSON", e);
        }
    }

    static String stats(BatchStats stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("processed", stats.processed());
        m.put("updated", stats.updated());
        m.put("skipped", stats.skipped());
        m.put("errors", stats.errors());
        return write(m);
    }

    @SuppressWarnings("unchecked")
    static BatchStats stats(String json) {
        Map<String, Object> m = object(json);
        Map<String, Integer> skipped = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("skipped", Map.of()))
                .forEach((reason, n) -> skipped.put(reason, ((Number) n).intValue()));
        return new BatchStats(
                ((Number) m.get("processed")).intValue(),
                ((Number) m.get("updated")).intValue(),
                skipped,
                ((Number) m.get("errors")).intValue());
    }

    static String failures(List<RecordFailure> failures) {
        return write(failures.stream()
                .map(f -> Map.of("recordId", f.recordId(), "error", f.error()))
                .toList());
    }

    static List<RecordFailure> failures(String json) {
        try {
            return JSON.readValue(json, FAILURES).stream()
                    .map(f -> new RecordFailure(f.get("recordId"), f.get("error")))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored failures are not a list", e);
        }
    }
}
