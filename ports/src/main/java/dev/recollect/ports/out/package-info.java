/**
 * Outbound ports: what the application needs from the outside world. Adapters implement them; the test-jar ships an
 * in-memory implementation of each and one contract suite per port that every implementation must pass.
 *
 * <p>Unless a port says otherwise, its implementations are thread-safe, never return {@code null}, and throw a
 * {@link dev.recollect.ports.out.RecollectException} for failures.
 */
package dev.recollect.ports.out;
