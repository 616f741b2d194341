package dev.recollect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.adapters.jdbi.testing.TestHomes;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code recollect demo} in-process on its embedded PostgreSQL, and the embedded database's schema commands. */
class DemoIT {
    private static final SharedPostgres.Settings SETTINGS = TestHomes.create("demo");
    private static final Map<String, String> ENV = TestHomes.environment(SETTINGS);
    private static final String HOME = SETTINGS.home().toString();

    @AfterAll
    static void stopTheServer() {
        TestHomes.stop(SETTINGS);
    }

    @Test
    void theDemoGeneratesReviewsAndCancels() {
        CliRun run = CliRun.withEnvironment(ENV, "", "demo", "--home", HOME);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("embedded PostgreSQL", "completed", "(wrong) -> learning, next review in 1 minute")
                .contains("cancelled  phrasing_generation  3 saved  \"Photosynthesis\"")
                .contains("The overall equation of photosynthesis  (3 phrasings)")
                .contains("Chlorophyll  (0 phrasings)");
        CliRun info = CliRun.withEnvironment(ENV, "", "db", "info", "--home", HOME);
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).contains("Schema version " + JdbiPersistence.SCHEMA_VERSION + "; 0 pending migrations.");
    }
}
