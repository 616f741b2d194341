package dev.recollect.domain.generation;

import java.util.Optional;

/** The kinds of question a phrasing can be, with the reference's wire names. */
public enum PhrasingType {
    /** Three to five options, one correct. */
    MULTIPLE_CHOICE("multiple-choice"),
    /** Exactly two options. */
    TRUE_FALSE("true-false");

    private final String wireName;

    PhrasingType(String wireName) {
        this.wireName = wireName;
    }

    /** The reference's name: {@code multiple-choice} or {@code true-false}. */
    public String wireName() {
        return wireName;
    }

    /** The type with wire name {@code name} (case and surrounding spaces ignored). */
    public static Optional<PhrasingType> fromWireName(String name) {
        String key = DedupeKey.of(name);
        for (PhrasingType type : values()) {
            if (type.wireName.equals(key)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
