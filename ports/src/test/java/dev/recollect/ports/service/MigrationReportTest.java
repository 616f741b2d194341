package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.migration.BuiltInMigrations;
import dev.recollect.domain.migration.Document;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.RunMigrations;
import dev.recollect.ports.testing.InMemoryMigrationLedger;
import dev.recollect.ports.testing.MutableClock;
import dev.recollect.ports.testing.RecordingSleeper;
import dev.recollect.ports.testing.SequentialIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The run report's figures, exactly: times, rate, remaining work, and when a run counts as done. */
class MigrationReportTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final InMemoryMigrationLedger ledger = new InMemoryMigrationLedger();
    private final MigrationRunner runner =
            new MigrationRunner(ledger, BuiltInMigrations.all(), new SequentialIds(), clock, sleeper);

    private UUID plan(int documents, int batchSize) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("topic", "t");
            docs.add(new Document(String.format("q%03d", i), fields, T0));
        }
        ledger.importDocuments("questions", docs);
        return ((RunMigrations.Started.Planned)
                        runner.start(new RunMigrations.Start("remove-question-topic", false, batchSize)))
                .run()
                .id();
    }

    @Test
    void aRunOfAMigrationThisBuildLacksCannotBeWorked() {
        UUID run = plan(2, 2);
        MigrationRunner without = new MigrationRunner(ledger, List.of(), new SequentialIds(), clock, sleeper);
        assertThatIllegalStateException()
                .isThrownBy(() -> without.work(new RunMigrations.Work(run, "w", Duration.ZERO), p -> {}))
                .withMessageContaining("remove-question-topic, which this build lacks");
        assertThatThrownBy(() -> runner.work(null, p -> {})).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> runner.start(null)).isInstanceOf(InvalidCommandException.class);
        assertThat(runner.list(0)).hasSize(1);
    }
}
