/** {@code recollect demo}: generation, reviews and cancellation, end to end, in one command. */
package dev.recollect.cli.demo;
