/** The bad-input corpus: every case under the bad-input test resources, run against real PostgreSQL. */
package dev.recollect.cli.corpus;
