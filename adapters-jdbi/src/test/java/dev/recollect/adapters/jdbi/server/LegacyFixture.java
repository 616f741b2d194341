package dev.recollect.adapters.jdbi.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;

/** A cluster laid out as an earlier version left it in the temporary directory: trust on loopback, two learners. */
final class LegacyFixture {
    private LegacyFixture() {}

    static Cluster create(Path legacyCluster, OsCommands commands) throws Exception {
        Files.createDirectories(legacyCluster);
        for (Path directory = legacyCluster;
                !directory.equals(legacyCluster.getRoot());
                directory = directory.getParent()) {
            if (directory.getFileName().toString().startsWith("recollect-postgres-")
                    || directory.equals(legacyCluster)) {
                OsCommands.makeTraversable(directory);
            }
        }
        PostgresBinaries binaries = PostgresBinaries.locate(
                BinarySource.AUTO, legacyCluster.getParent().resolve("binaries"));
        Cluster.initdb(binaries, commands, legacyCluster.resolve("data"), Cluster.SUPERUSER, List.of("-A", "trust"));
        Cluster cluster = new Cluster(legacyCluster, binaries, commands);
        Postmaster postmaster = cluster.start(Duration.ofSeconds(60));
        String server = "jdbc:postgresql://127.0.0.1:" + postmaster.port() + "/";
        try (Connection connection = DriverManager.getConnection(server + "postgres?user=" + Cluster.SUPERUSER)) {
            connection.createStatement().execute("CREATE DATABASE recollect");
        }
        try (Connection connection = DriverManager.getConnection(server + "recollect?user=" + Cluster.SUPERUSER)) {
            connection
                    .createStatement()
                    .execute("CREATE TABLE learners (name text); INSERT INTO learners VALUES ('grace'), ('ada')");
        } finally {
            cluster.stop();
        }
        return cluster;
    }
}
