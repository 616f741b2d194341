/**
 * Recollect's domain: pure Java with no I/O, no clock reads and no unseeded randomness. Time and randomness come in
 * as arguments, so every rule here is deterministic and property-tested.
 */
package dev.recollect.domain;
