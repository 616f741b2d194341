/**
 * The Gemini adapter: {@link dev.recollect.adapters.gemini.GeminiModels} implements the LLM and embedder ports over
 * Gemini's REST API with OkHttp and Jackson. Everything else is package-private.
 */
package dev.recollect.adapters.gemini;
