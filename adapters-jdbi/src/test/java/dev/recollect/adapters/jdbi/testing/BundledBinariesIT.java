package dev.recollect.adapters.jdbi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.server.BinarySource;
import dev.recollect.adapters.jdbi.server.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The fallback for machines without PostgreSQL: the binaries bundled in the zonky artifact. */
class BundledBinariesIT {
    @Test
    void givenNoMachineBinaries_thenTheBundledOnesRunAServer() throws Exception {
        LocalPostgres.Options options = LocalPostgres.Options.ephemeralForTests(
                        TestServer.clusterBase().resolveSibling("postgres-bundled"))
                .withSource(BinarySource.BUNDLED);
        try (LocalPostgres server = LocalPostgres.start(options);
                Connection connection =
                        DriverManager.getConnection(server.jdbcUrl("postgres") + "?user=" + server.superuser())) {
            assertThat(server.binaryOrigin()).startsWith("bundled");
            ResultSet version = connection.createStatement().executeQuery("SHOW server_version");
            version.next();
            assertThat(version.getString(1)).startsWith("15.10");
        }
    }
}
