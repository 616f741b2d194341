package dev.recollect.adapters.jdbi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@PostgresTest
class HarnessRunsSqlIT {
    @Test
    void givenTheHarness_thenSqlRunsOnAMigratedDatabase(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            ResultSet installed = statement.executeQuery("SELECT count(*) FROM recollect_installation");
            installed.next();
            assertThat(installed.getInt(1)).isEqualTo(1);

            ResultSet current = statement.executeQuery("SELECT current_database(), current_setting('fsync')");
            current.next();
            assertThat(current.getString(1)).isEqualTo(database.name());
            if (TestServer.get().localCluster().isPresent()) {
                assertThat(current.getString(2)).isEqualTo("off");
            }
        }
    }

    @Test
    void givenTwoTestsOfOneClass_thenTheyShareTheClassDatabase(TestDatabase database) {
        assertThat(database.name()).startsWith("t").endsWith("_harnessrunssqlit");
    }
}
