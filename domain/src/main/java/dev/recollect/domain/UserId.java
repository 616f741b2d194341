package dev.recollect.domain;

/**
 * Identifies a learner. Any non-blank text of at most 200 characters without control characters or unpaired
 * surrogates, so that ids of an identity provider (such as Clerk's {@code user_...}) fit as they are.
 *
 * @param value the id
 */
public record UserId(String value) {
    /** Checks the id; the message names it. */
    public UserId {
        if (value == null
                || value.isBlank()
                || value.length() > 200
                || !value.equals(value.strip())
                || value.chars().anyMatch(Character::isISOControl)
                || !Texts.storable(value)) {
            throw new DomainException("userId must be 1 to 200 visible characters without surrounding spaces, got "
                    + Texts.quoted(value));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
