/**
 * Inbound use cases: what callers (the CLI, an embedding service) ask of Recollect. Commands and queries are
 * records validated at this boundary; expected outcomes, rejections included, are returned as values.
 */
package dev.recollect.ports.in;
