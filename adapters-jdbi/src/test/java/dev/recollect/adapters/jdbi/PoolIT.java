package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.ports.out.Persistence;
import org.junit.jupiter.api.Test;

/** The pool the adapter builds for callers without one. */
@PostgresTest
class PoolIT {
    @Test
    void aPoolReachesTheDatabaseAndServesTheStores(TestDatabase database) {
        try (HikariDataSource pool =
                JdbiPersistence.pool(database.jdbcUrl(), database.user(), database.password(), 3)) {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getPoolName()).isEqualTo("recollect");
            assertThat(JdbiPersistence.migrateSchema(pool)).isZero();
            Persistence.Schema schema = JdbiPersistence.over(pool).schema();
            assertThat(schema.isCurrent()).isTrue();
            assertThat(schema.version()).isEqualTo(String.valueOf(JdbiPersistence.SCHEMA_VERSION));
        }
    }

    @Test
    void aForeignUrlOrAnOutOfRangeSizeIsRefusedBeforeAnyConnection() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JdbiPersistence.pool("jdbc:mysql://localhost/db", "u", "p", 4))
                .withMessageContaining("jdbc:postgresql:");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JdbiPersistence.pool(null, "u", "p", 4))
                .withMessageContaining("got null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JdbiPersistence.pool("jdbc:postgresql://localhost/db", "u", "p", 0))
                .withMessage("the pool size must be 1 to 100, got 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JdbiPersistence.pool("jdbc:postgresql://localhost/db", "u", "p", 101))
                .withMessage("the pool size must be 1 to 100, got 101");
    }
}
