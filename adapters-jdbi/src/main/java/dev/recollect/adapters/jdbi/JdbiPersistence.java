package dev.recollect.adapters.jdbi;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The PostgreSQL adapter's entry point: the schema, managed by Flyway from the versioned SQL in
 * {@code db/migration}, and the stores that implement the outbound ports.
 */
public final class JdbiPersistence {
    private JdbiPersistence() {}

    /**
     * Brings the schema of {@code dataSource}'s database up to date.
     *
     * @return how many migrations were applied; 0 when the schema was current
     */
    public static int migrateSchema(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }
}
