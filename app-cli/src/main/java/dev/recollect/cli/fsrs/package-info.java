/** {@code recollect fsrs}: FSRS tools for what-if analysis and conformance checks. */
package dev.recollect.cli.fsrs;
