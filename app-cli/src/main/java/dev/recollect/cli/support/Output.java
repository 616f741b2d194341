package dev.recollect.cli.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Where a command writes: lines for people, or one JSON document for machines. */
public final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINES = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    /** Output to {@code out} and {@code err}, in JSON when {@code json}. */
    public Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Whether the command prints JSON. */
    public boolean json() {
        return json;
    }

    /** A line for people; nothing in JSON mode, where stdout holds only the document. */
    public void line(String text) {
        if (!json) {
            out.println(text);
        }
    }

    /** A formatted line for people. */
    public void line(String format, Object... args) {
        line(String.format(java.util.Locale.ROOT, format, args));
    }

    /** The command's JSON document; nothing for people. */
    public void document(Object value) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One JSON object on one line, flushed at once: for commands that stream a document per event rather than print
     * one at the end. Nothing for people.
     */
    public void jsonLine(Object value) {
        if (json) {
            try {
                out.println(JSON_LINES.writeValueAsString(value));
                out.flush();
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The error stream, for notices that are not the command's result. */
    public PrintWriter err() {
        return err;
    }

    /** The output stream. */
    public PrintWriter out() {
        return out;
    }

    /** Flushes both streams. */
    public void flush() {
        out.flush();
        err.flush();
    }
}
