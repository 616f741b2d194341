package dev.recollect.domain.fsrs;

/** Where a card is in its life, with ts-fsrs's numbering. */
public enum State {
    /** Never reviewed (or forgotten). */
    NEW,
    /** Going through the learning steps. */
    LEARNING,
    /** Scheduled in days. */
    REVIEW,
    /** Lapsed, going through the relearning steps. */
    RELEARNING;

    /** The name ts-fsrs prints: {@code New}, {@code Learning}, {@code Review} or {@code Relearning}. */
    public String displayName() {
        String name = name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
