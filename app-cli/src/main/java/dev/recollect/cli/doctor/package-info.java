/** {@code recollect doctor}: health checks of the database, the workers and the model. */
package dev.recollect.cli.doctor;
