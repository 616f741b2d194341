/**
 * PostgreSQL through JDBI. {@link dev.recollect.adapters.jdbi.JdbiPersistence} is the entry point; everything else in
 * this package is package-private.
 */
package dev.recollect.adapters.jdbi;
