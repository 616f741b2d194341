/** Test helpers shared by the CLI's tests: stand-ins for outside services. */
package dev.recollect.cli.testing;
