package dev.recollect.domain;

/**
 * What the domain requires of the text it keeps and shows: text is stored only if UTF-8 and PostgreSQL can hold it
 * as it is (no NUL, no unpaired surrogate), and text echoed in a message is quoted so that a terminal shows it and
 * does not obey it (control characters escaped, long values cut).
 */
public final class Texts {
    /** How many characters of a value a message shows. */
    static final int SHOWN = 80;

    private Texts() {}

    /** Whether {@code text} holds neither NUL nor an unpaired surrogate. */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text} in double quotes for a message: control characters, unpaired surrogates and directional
     * formatting as {@code \\uXXXX}, and at most {@value #SHOWN} characters followed by how many more there were.
     */
    public static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        int shown = Math.min(text.length(), SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) || isDirectional(c)) {
                quoted.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (text.length() > shown) {
            quoted.append(" (and ").append(text.length() - shown).append(" more characters)");
        }
        return quoted.toString();
    }

    /**
     * Whether {@code codePoint} changes the direction text is shown in: the embeddings, overrides and isolates of
     * Unicode's bidirectional algorithm, which can make text read otherwise than it is (Trojan Source).
     */
    public static boolean isDirectional(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
