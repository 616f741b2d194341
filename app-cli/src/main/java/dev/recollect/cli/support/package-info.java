/**
 * What every command shares and that depends on no other package of the CLI: exit codes, expected failures, output
 * for people or as JSON, spans of time, the common options and the JSON views of domain values.
 */
package dev.recollect.cli.support;
