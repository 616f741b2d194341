package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The adapter's Jackson setup: unknown properties are ignored, since Google adds fields to responses often. */
final class Json {
    private Json() {}

    static ObjectMapper mapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
