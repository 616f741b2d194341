/** The composition root: the database (embedded or external), the model provider, and the services over them. */
package dev.recollect.cli.app;
