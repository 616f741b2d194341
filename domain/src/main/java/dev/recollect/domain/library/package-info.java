/** A learner's library: concepts (each scheduled with FSRS) and the question phrasings that test them. */
package dev.recollect.domain.library;
