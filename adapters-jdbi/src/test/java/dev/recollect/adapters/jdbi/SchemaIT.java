package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Flyway brings an empty database to the current schema once, and then has nothing to do. */
@PostgresTest
class SchemaIT {
    @Test
    void anEmptyDatabaseIsMigratedOnceAndACurrentOneNotAtAll(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE schema_it_empty");
        }
        PGSimpleDataSource empty = new PGSimpleDataSource();
        empty.setURL(database.jdbcUrl());
        empty.setUser(database.user());
        empty.setPassword(database.password());
        empty.setDatabaseName("schema_it_empty");
        try {
            int latest = JdbiPersistence.SCHEMA_VERSION;
            assertThat(JdbiPersistence.schemaInfo(empty))
                    .as("SCHEMA_VERSION is the last migration on the class path")
                    .isEqualTo(new JdbiPersistence.SchemaInfo(null, latest, latest));
            assertThat(JdbiPersistence.schemaInfo(empty).isCurrent()).isFalse();
            assertThat(JdbiPersistence.schemaIsCurrent(empty))
                    .as("no history table yet")
                    .isFalse();
            assertThat(JdbiPersistence.migrateSchema(empty)).isEqualTo(latest);
            assertThat(JdbiPersistence.schemaInfo(empty))
                    .isEqualTo(new JdbiPersistence.SchemaInfo(Integer.toString(latest), 0, latest));
            assertThat(JdbiPersistence.schemaInfo(empty).isCurrent()).isTrue();
            assertThat(JdbiPersistence.schemaIsCurrent(empty)).isTrue();
            try (Connection connection = empty.getConnection();
                    Statement statement = connection.createStatement()) {
                // One migration short of this build: the cheap check must see it, as Flyway does.
                statement.execute("UPDATE flyway_schema_history SET success = false WHERE version = '" + latest + "'");
                assertThat(JdbiPersistence.schemaIsCurrent(empty)).isFalse();
                statement.execute("UPDATE flyway_schema_history SET success = true WHERE version = '" + latest + "'");
            }
            assertThat(JdbiPersistence.migrateSchema(empty)).isZero();
            assertThat(JdbiPersistence.migrateSchema(database.dataSource())).isZero();
            assertThat(JdbiPersistence.over(empty).rateLimiter()).isNotNull();
        } finally {
            try (Connection connection = database.connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE schema_it_empty WITH (FORCE)");
            }
        }
    }
}
