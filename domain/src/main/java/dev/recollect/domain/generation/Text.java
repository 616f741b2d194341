package dev.recollect.domain.generation;

/** Text rules shared by the filters. */
final class Text {
    private Text() {}

    /** Trimmed, or empty for {@code null}. */
    static String trim(String text) {
        return text == null ? "" : text.strip();
    }

    /** Length in Unicode code points, so that an emoji counts as one character. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
