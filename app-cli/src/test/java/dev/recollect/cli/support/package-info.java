/** Tests of the CLI's shared views and output. */
package dev.recollect.cli.support;
