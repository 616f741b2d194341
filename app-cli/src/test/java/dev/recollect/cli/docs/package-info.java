/** Tests that the documentation's examples compile and run as written. */
package dev.recollect.cli.docs;
