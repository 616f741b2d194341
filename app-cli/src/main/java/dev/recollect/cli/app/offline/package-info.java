/** The offline sample model: bundled, hand-written study content that stands in for the LLM without a key. */
package dev.recollect.cli.app.offline;
