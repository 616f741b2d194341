package dev.recollect.domain.migration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The part of a table a run walks: documents whose key is between {@code fromKey} and {@code toKey} (both
 * inclusive), created ({@code _creationTime}, epoch milliseconds) from {@code createdFrom} (inclusive) to
 * {@code createdTo} (exclusive), so that consecutive months cover each day once. A {@code null} bound is open. A
 * document without a numeric {@code _creationTime} is outside every range that bounds creation.
 *
 * <p>Keys compare by code point, which is the database's byte order ({@code COLLATE "C"}) of their UTF-8 text: the
 * ledger's key ranges and this scope agree on every key.
 *
 * @param fromKey the first key, inclusive; {@code null} for the start of the table
 * @param toKey the last key, inclusive; {@code null} for the end of the table
 * @param createdFrom the first creation time, inclusive; {@code null} for no lower bound
 * @param createdTo the creation time the range stops before; {@code null} for no upper bound
 */
public record RunScope(String fromKey, String toKey, Instant createdFrom, Instant createdTo) {
    /** The whole table. */
    public static final RunScope ALL = new RunScope(null, null, null, null);

    /** Keeps the times in whole milliseconds, as {@code _creationTime} counts; checks that each range is not empty. */
    public RunScope {
        createdFrom = createdFrom == null ? null : Instant.ofEpochMilli(createdFrom.toEpochMilli());
        createdTo = createdTo == null ? null : Instant.ofEpochMilli(createdTo.toEpochMilli());
        if (fromKey != null && toKey != null && compareKeys(fromKey, toKey) > 0) {
            throw new IllegalArgumentException("fromKey " + fromKey + " is after toKey " + toKey);
        }
        if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
            throw new IllegalArgumentException("createdFrom " + createdFrom + " must be before createdTo " + createdTo);
        }
    }

    /** Compares two keys by code point: the UTF-8 byte order that the database's {@code "C"} collation uses. */
    public static int compareKeys(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Whether the scope bounds nothing. */
    public boolean whole() {
        return equals(ALL);
    }

    /** Whether creation times bound it. */
    public boolean boundsCreation() {
        return createdFrom != null || createdTo != null;
    }

    /** Whether {@code key} is within the key bounds. */
    public boolean includesKey(String key) {
        return (fromKey == null || compareKeys(key, fromKey) >= 0) && (toKey == null || compareKeys(key, toKey) <= 0);
    }

    /** Whether {@code document} is in the scope: its key within the key bounds, its creation within the times. */
    public boolean includes(Document document) {
        if (!includesKey(document.id())) {
            return false;
        }
        if (!boundsCreation()) {
            return true;
        }
        if (!(document.get("_creationTime") instanceof Number created)) {
            return false;
        }
        double millis = created.doubleValue();
        return (createdFrom == null || millis >= createdFrom.toEpochMilli())
                && (createdTo == null || millis < createdTo.toEpochMilli());
    }

    /** Whether every document in {@code other} is in this scope, whatever the table holds. */
    public boolean contains(RunScope other) {
        return (fromKey == null || (other.fromKey != null && compareKeys(other.fromKey, fromKey) >= 0))
                && (toKey == null || (other.toKey != null && compareKeys(other.toKey, toKey) <= 0))
                && (createdFrom == null || (other.createdFrom != null && !other.createdFrom.isBefore(createdFrom)))
                && (createdTo == null || (other.createdTo != null && !other.createdTo.isAfter(createdTo)));
    }

    /** The bounds for people: {@code keys [a .. b], created [t1 .. t2)}, or {@code the whole table}. */
    public String describe() {
        if (whole()) {
            return "the whole table";
        }
        List<String> parts = new ArrayList<>();
        if (fromKey != null || toKey != null) {
            parts.add("keys [" + Objects.toString(fromKey, "start") + " .. " + Objects.toString(toKey, "end") + "]");
        }
        if (boundsCreation()) {
            parts.add("created [" + Objects.toString(createdFrom, "start") + " .. " + Objects.toString(createdTo, "end")
                    + ")");
        }
        return String.join(", ", parts);
    }
}
