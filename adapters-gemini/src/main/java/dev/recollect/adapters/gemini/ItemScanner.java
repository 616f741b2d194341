package dev.recollect.adapters.gemini;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the items of a JSON array as their objects close, in text that arrives in pieces split anywhere: inside a
 * string, between a backslash and what it escapes, between two keys. It tracks only nesting, strings and escapes,
 * character by character, so its state carries over from one piece to the next; each item it returns is complete
 * JSON text, which a real parser then reads.
 *
 * <p>The items are the objects one level inside the first array: {@code {"phrasings": [{...}, {...}]}} and a bare
 * {@code [{...}, {...}]} both work.
 */
final class ItemScanner {
    private final StringBuilder item = new StringBuilder();
    private int depth;
    private int itemDepth = -1;
    private boolean inString;
    private boolean escaped;

    /** Takes the next piece of text; returns the items that closed within it, in order. */
    List<String> feed(String piece) {
        List<String> closed = new ArrayList<>();
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (itemDepth > 0 && depth >= itemDepth) {
                item.append(c);
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[' -> {
                    depth++;
                    if (itemDepth < 0) {
                        itemDepth = depth + 1;
                    }
                }
                case '{' -> {
                    depth++;
                    if (depth == itemDepth) {
                        item.setLength(0);
                        item.append(c);
                    }
                }
                case '}', ']' -> {
                    if (c == '}' && depth == itemDepth) {
                        closed.add(item.toString());
                        item.setLength(0);
                    }
                    depth--;
                }
                default -> {
                    // Commas, colons, numbers, literals and whitespace change no state.
                }
            }
        }
        return closed;
    }
}
