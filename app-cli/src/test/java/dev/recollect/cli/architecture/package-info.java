/** Architecture rules (ArchUnit) over every module, and fixtures that show each rule rejecting a violation. */
package dev.recollect.cli.architecture;
