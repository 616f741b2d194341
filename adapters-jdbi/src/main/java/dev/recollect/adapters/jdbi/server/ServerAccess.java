package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;

/**
 * Who may connect to a shared server, and to which database. A server that outlives one command must not be open to
 * every account of the machine, as {@code initdb}'s trust on loopback would leave it: the superuser gets a random
 * password, kept in the cluster's {@code superuser.password} (readable by the home's account only), and
 * {@code pg_hba.conf} asks for it. A cluster of an earlier version, made with trust, is converted the first time it
 * runs.
 */
final class ServerAccess {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerAccess() {}

    /**
     * Makes sure the server asks for the superuser's password and that {@code database} exists; returns the password.
     * A cluster of an earlier version, which trusted every connection on loopback, gets a password now, while it
     * still trusts, and then a {@code pg_hba.conf} that asks for it.
     */
    static String secure(Cluster cluster, OsCommands commands, int port, String database) {
        Path hba = cluster.data().resolve("pg_hba.conf");
        try {
            if (trusts(hba)) {
                String password = password(cluster.passwordFile());
                execute(port, null, "ALTER ROLE " + Cluster.SUPERUSER + " WITH PASSWORD '" + password + "'");
                AtomicFiles.write(
                        hba,
                        "# Written by recollect: loopback only, with the superuser's password, which\n"
                                + "# " + cluster.passwordFile() + " holds.\n"
                                + "host all all 127.0.0.1/32 scram-sha-256\n"
                                + "host all all ::1/128 scram-sha-256\n",
                        PosixFilePermissions.fromString("rw-------"));
                commands.handOver(hba);
                execute(port, password, "SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new LocalPostgresException("could not secure the embedded PostgreSQL in " + cluster.directory(), e);
        }
        String password = read(cluster.passwordFile());
        createDatabase(port, password, database);
        return password;
    }

    /**
     * The password in {@code file}, made and written there first if there is none yet. Base64url without padding:
     * letters, digits, '-' and '_', safe inside an SQL string literal.
     */
    static String password(Path file) {
        if (Files.exists(file)) {
            return read(file);
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            AtomicFiles.write(file, password + "\n", PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new LocalPostgresException("could not write the embedded database's password to " + file, e);
        }
        return password;
    }

    /** Whether any rule of {@code pg_hba.conf} lets connections in without a password. */
    private static boolean trusts(Path hba) throws IOException {
        return Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .anyMatch(line -> line.matches(".*\\btrust\\b.*"));
    }

    static String read(Path passwordFile) {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new LocalPostgresException("could not read the embedded database's password in " + passwordFile, e);
        }
    }

    private static void createDatabase(int port, String password, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = connect(port, password, "postgres");
                Statement statement = connection.createStatement();
                ResultSet exists =
                        statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new LocalPostgresException("could not create the database " + database + ": " + e.getMessage(), e);
        }
    }

    private static void execute(int port, String password, String sql) {
        try (Connection connection = connect(port, password, "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new LocalPostgresException("could not set up the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static Connection connect(int port, String password, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", Cluster.SUPERUSER);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }
}
