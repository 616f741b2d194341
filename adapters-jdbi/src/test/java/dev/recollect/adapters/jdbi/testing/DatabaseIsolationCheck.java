package dev.recollect.adapters.jdbi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Two test classes extend this check. Each writes a row naming itself into a table of the same name; if they shared a
 * database, whichever ran second would fail to create the table or would see the other's row.
 */
@PostgresTest
abstract class DatabaseIsolationCheck {
    private static final Set<String> NAMES_SEEN = ConcurrentHashMap.newKeySet();

    @Test
    void givenTwoTestClasses_thenEachHasItsOwnDatabase(TestDatabase database) throws SQLException {
        assertThat(NAMES_SEEN.add(database.name()))
                .as("database names are unique")
                .isTrue();
        String me = getClass().getSimpleName();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE isolation_probe (owner text NOT NULL)");
            statement.execute("INSERT INTO isolation_probe VALUES ('" + me + "')");
            List<String> owners = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT owner FROM isolation_probe")) {
                while (rows.next()) {
                    owners.add(rows.getString(1));
                }
            }
            assertThat(owners).containsExactly(me);
        }
    }
}
