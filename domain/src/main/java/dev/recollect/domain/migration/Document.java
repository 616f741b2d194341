package dev.recollect.domain.migration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One imported document: its key and its JSON fields as plain Java values (strings, numbers, booleans, {@code null},
 * lists and maps), with the time it was imported. Numbers are kept in one form whatever read them (a JSON parser that
 * gives {@code Integer} for small numbers, a test that wrote {@code Long}): whole numbers as {@link Long}, others as
 * {@link Double}, so that a document compares equal however it was read.
 *
 * @param id the document's key ({@code _id}); batches are ranges of it
 * @param fields the document's fields, {@code _id} and {@code _creationTime} included
 * @param importedAt when it was imported
 */
public record Document(String id, Map<String, Object> fields, Instant importedAt) {
    /** Checks the fields and keeps an unmodifiable copy of them, in their order. */
    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(importedAt, "importedAt");
        fields = canonicalMap(fields);
    }

    private static Map<String, Object> canonicalMap(Map<?, ?> fields) {
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((key, value) -> copy.put(String.valueOf(key), canonical(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object canonical(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof java.math.BigInteger big && big.bitLength() < Long.SIZE) {
            return big.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            return canonicalMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(canonical(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * Whether the document has the field {@code key}, whatever its value, {@code null} included: the reference's
     * fix for its difficulty removal, which tested the value and so missed keys holding {@code undefined}.
     */
    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The value of {@code key}; {@code null} when absent or null. */
    public Object get(String key) {
        return fields.get(key);
    }

    /** The same document without {@code key}. */
    public Document without(String key) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove(key);
        return new Document(id, copy, importedAt);
    }

    /** The same document with {@code key} set to {@code value}. */
    public Document with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(key, value);
        return new Document(id, copy, importedAt);
    }
}
