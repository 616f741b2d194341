/** {@code recollect jobs}: create, list, show, cancel, work on and clean up generation jobs. */
package dev.recollect.cli.jobs;
