/**
 * Test kit: a real PostgreSQL for every module's tests. {@link dev.recollect.adapters.jdbi.testing.PostgresTest}
 * gives each test class a fresh database cloned from a migrated template.
 */
package dev.recollect.adapters.jdbi.testing;
