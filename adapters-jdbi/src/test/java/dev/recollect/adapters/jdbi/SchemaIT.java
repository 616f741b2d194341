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
            assertThat(JdbiPersistence.schemaInfo(empty)).isEqualTo(new JdbiPersistence.SchemaInfo(null, 9, 9));
            assertThat(JdbiPersistence.schemaInfo(empty).isCurrent()).isFalse();
            assertThat(JdbiPersistence.migrateSchema(empty)).isEqualTo(9);
            assertThat(JdbiPersistence.schemaInfo(empty)).isEqualTo(new JdbiPersistence.SchemaInfo("9", 0, 9));
            assertThat(JdbiPersistence.schemaInfo(empty).isCurrent()).isTrue();
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
