package dev.recollect.domain.paging;

import dev.recollect.domain.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list ordered by a timestamp, newest first, with a UUID to break ties: the key of the last item
 * of a page. Its text form is opaque (URL-safe Base64) so that callers do not build cursors by hand.
 *
 * @param at the item's timestamp
 * @param id the item's id
 */
public record Cursor(Instant at, UUID id) {
    /** The opaque text form. */
    public String encode() {
        String plain = at.toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor written by {@link #encode()}; anything else is a clear error. */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            return new Cursor(Instant.parse(plain.substring(0, bar)), UUID.fromString(plain.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new DomainException("cursor is not one this system issued: \"" + text + "\"");
        }
    }
}
