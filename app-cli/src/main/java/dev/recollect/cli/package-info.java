/**
 * The {@code recollect} command line: {@code RecollectCli}, its entry point, which gathers every command, and how
 * failures become exit codes. Nothing else depends on this package, so the command packages below form no cycle.
 */
package dev.recollect.cli;
