/** {@code recollect db}: schema migrations and the schema's version. */
package dev.recollect.cli.db;
