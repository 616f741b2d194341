package dev.recollect.adapters.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.testing.PostgresTest;
import dev.recollect.adapters.jdbi.testing.TestDatabase;
import dev.recollect.ports.out.Persistence;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

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

    /**
     * The stores wait for locks and then read what the holder committed, which only READ COMMITTED shows: a deployment
     * whose connections default to SERIALIZABLE must not change that, whether or not its pool sets the level.
     */
    @Test
    void storeTransactionsAreReadCommittedWhateverTheConnectionsDefault(TestDatabase database) {
        PGSimpleDataSource serializable = new PGSimpleDataSource();
        serializable.setUrl(database.jdbcUrl());
        serializable.setUser(database.user());
        serializable.setPassword(database.password());
        serializable.setOptions("-c default_transaction_isolation=serializable");
        assertThat(JdbiPersistence.isReadCommittedPool(serializable)).isFalse();
        String byDefault = Jdbi.create(serializable).withHandle(PoolIT::isolation);
        assertThat(byDefault).isEqualTo("serializable");
        assertThat(storeTransactionIsolation(serializable)).isEqualTo("read committed");

        try (HikariDataSource pool = JdbiPersistence.pool(
                database.jdbcUrl() + "?options=-c%20default_transaction_isolation%3Dserializable",
                database.user(),
                database.password(),
                2)) {
            assertThat(JdbiPersistence.isReadCommittedPool(pool)).isTrue();
            assertThat(storeTransactionIsolation(pool)).isEqualTo("read committed");
        }
    }

    private static String storeTransactionIsolation(DataSource dataSource) {
        Database db = new Database(Jdbi.create(dataSource), JdbiPersistence.isReadCommittedPool(dataSource));
        return db.inTransaction("read the isolation level", PoolIT::isolation);
    }

    private static String isolation(Handle handle) {
        return handle.createQuery("SHOW transaction_isolation")
                .mapTo(String.class)
                .one();
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
