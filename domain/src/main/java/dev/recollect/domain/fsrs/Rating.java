package dev.recollect.domain.fsrs;

import dev.recollect.domain.DomainException;

/** How well a review went, with ts-fsrs's numbering; {@link #MANUAL} only marks logs of forget and reschedule. */
public enum Rating {
    /** Not a review: a manual change of schedule, found only in logs. */
    MANUAL,
    /** Forgotten. */
    AGAIN,
    /** Recalled with serious difficulty. */
    HARD,
    /** Recalled. */
    GOOD,
    /** Recalled easily. */
    EASY;

    private static final Rating[] GRADES = {AGAIN, HARD, GOOD, EASY};

    /** The grade, 1 for {@link #AGAIN} to 4 for {@link #EASY}; 0 for {@link #MANUAL}. */
    public int grade() {
        return ordinal();
    }

    /** The rating with {@code grade} 1 to 4. */
    public static Rating ofGrade(int grade) {
        if (grade < 1 || grade > 4) {
            throw new DomainException("rating must be 1 (Again) to 4 (Easy), got " + grade);
        }
        return GRADES[grade - 1];
    }

    /** The four ratings a review can have, in grade order. */
    public static Rating[] grades() {
        return GRADES.clone();
    }
}
