package dev.recollect.adapters.jdbi;

import dev.recollect.domain.migration.DocumentMigration;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.MigrationRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migration worker in a JVM of its own for {@link MigrationChaosIT}, started ahead of need so that replacing a
 * killed worker costs no JVM start: it connects, says {@code ready}, and waits for {@code go RUN WORKER OFFSET} on
 * stdin. It then works on the run with a clock {@code OFFSET} seconds ahead (a later generation of workers sees every
 * earlier worker's lease as expired, as a worker would minutes after a crash), printing {@code d} before each
 * decision so that the test can kill it at a chosen point, and exits when no batch is left to claim.
 */
final class MigrationChaosProbe {
    private MigrationChaosProbe() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        if (args.length > 2) {
            dataSource.setPassword(args[2]);
        }
        JdbiPersistence persistence = JdbiPersistence.over(dataSource);
        // Warm up the paths a worker takes (a query, a claim in a transaction, a document read), so that a spare
        // that takes over starts at once.
        UUID nothing = UUID.randomUUID();
        persistence.migrations().runs(1);
        persistence.migrations().batches(nothing);
        persistence.migrations().claim(nothing, "spare", Duration.ofSeconds(1), Instant.now());
        persistence.migrations().documents("questions", null, 1);
        System.out.println("ready");
        System.out.flush();
        String[] go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine()
                .split(" ");
        UUID run = UUID.fromString(go[1]);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(Long.parseLong(go[3])));
        List<DocumentMigration> traced = MigrationChaosIT.MIGRATIONS.stream()
                .map(real -> DocumentMigration.of(real.name(), real.description(), real.table(), document -> {
                    System.out.println("d");
                    System.out.flush();
                    return real.decide(document);
                }))
                .toList();
        MigrationRunner runner =
                new MigrationRunner(persistence.migrations(), traced, IdGenerator.random(), clock, Sleeper.system());
        runner.work(new RunMigrations.Work(run, go[2], Duration.ZERO), report -> {});
        System.out.println("done");
    }
}
