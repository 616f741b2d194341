/** {@code recollect migrate} and {@code recollect import}: data migrations over imported documents. */
package dev.recollect.cli.migrate;
