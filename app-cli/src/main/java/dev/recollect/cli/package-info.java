/** The {@code recollect} command line: wiring of the ports to their adapters, configuration, and the terminal. */
package dev.recollect.cli;
