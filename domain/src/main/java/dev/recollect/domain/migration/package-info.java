/**
 * Data migrations: the SPI a migration implements ({@link dev.recollect.domain.migration.DocumentMigration}), per-record
 * decisions, keyset batches and their ledger states, and the result contract with its status rule.
 */
package dev.recollect.domain.migration;
