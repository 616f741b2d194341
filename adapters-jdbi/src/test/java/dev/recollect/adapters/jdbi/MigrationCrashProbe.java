package dev.recollect.adapters.jdbi;

import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.MigrationRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migration worker in a JVM of its own for {@link MigrationRunIT}: it works on a run, and in the middle of its
 * second batch (after some decisions, before the batch commits) says so on stdout and hangs until it is killed.
 */
final class MigrationCrashProbe {
    private MigrationCrashProbe() {}

    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        String table = args[2];
        UUID run = UUID.fromString(args[3]);
        int hangAt = Integer.parseInt(args[4]);
        DocumentMigration real = BuiltInMigrations.removeField("remove-topic", table, "topic");
        int[] decided = {0};
        DocumentMigration doomed = DocumentMigration.of(real.name(), real.description(), table, document -> {
            if (++decided[0] == hangAt) {
                System.out.println("midway");
                System.out.flush();
                ChildJvm.hang();
            }
            return real.decide(document);
        });
        MigrationRunner runner = new MigrationRunner(
                JdbiPersistence.over(dataSource).migrations(),
                List.of(doomed),
                IdGenerator.random(),
                Clock.systemUTC(),
                Sleeper.system());
        runner.work(new RunMigrations.Work(run, "doomed", Duration.ZERO), report -> {});
    }
}
