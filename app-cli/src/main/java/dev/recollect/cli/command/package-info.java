/** The bases of the commands: reading settings from the environment, and opening the application around a run. */
package dev.recollect.cli.command;
