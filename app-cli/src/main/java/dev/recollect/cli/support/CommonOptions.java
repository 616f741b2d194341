package dev.recollect.cli.support;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes: where the database is, and whether to print JSON. */
public final class CommonOptions {
    @Option(names = "--json", description = "Print machine-readable JSON (field names are documented in docs/cli.md).")
    boolean json;

    @Option(
            names = "--database-url",
            paramLabel = "JDBC_URL",
            defaultValue = "${env:RECOLLECT_DATABASE_URL}",
            description = "An external PostgreSQL (jdbc:postgresql://host:port/db); env RECOLLECT_DATABASE_URL."
                    + " Without it, an embedded PostgreSQL under RECOLLECT_HOME.")
    String databaseUrl;

    @Option(
            names = "--database-user",
            paramLabel = "USER",
            defaultValue = "${env:RECOLLECT_DATABASE_USER}",
            description = "The external database's user; env RECOLLECT_DATABASE_USER.")
    String databaseUser;

    @Option(
            names = "--database-password",
            paramLabel = "PASSWORD",
            defaultValue = "${env:RECOLLECT_DATABASE_PASSWORD}",
            description = "The external database's password; env RECOLLECT_DATABASE_PASSWORD.",
            interactive = false)
    String databasePassword;

    @Option(
            names = "--auto-migrate",
            description = "Migrate an external database's schema before running (the embedded one always is).")
    boolean autoMigrate;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            defaultValue = "${env:RECOLLECT_HOME}",
            description = "Where the embedded database and the logs live; env RECOLLECT_HOME, default ~/.recollect.")
    Path home;

    /** Whether to print JSON. */
    public boolean json() {
        return json;
    }

    /** The home directory: the option, else {@code ~/.recollect}. */
    public Path home() {
        return home != null ? home : Path.of(System.getProperty("user.home"), ".recollect");
    }

    /** Whether an external database is configured. */
    public boolean external() {
        return databaseUrl != null && !databaseUrl.isBlank();
    }

    /** The external database's URL; {@code null} for the embedded one. */
    public String databaseUrl() {
        return databaseUrl;
    }

    /** The external database's user. */
    public String databaseUser() {
        return databaseUser;
    }

    /** The external database's password. */
    public String databasePassword() {
        return databasePassword;
    }

    /** Whether to migrate an external database's schema before running. */
    public boolean autoMigrate() {
        return autoMigrate;
    }
}
