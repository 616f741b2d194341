package dev.recollect.adapters.jdbi;

import dev.recollect.ports.in.Worker;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.Sleeper;
import dev.recollect.ports.service.JobPipeline;
import dev.recollect.ports.service.JobWorker;
import dev.recollect.ports.testing.ScriptedLlm;
import dev.recollect.ports.testing.ScriptedPipelines;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A worker in a JVM of its own for {@link WorkerCrashIT}: it claims the job with a short lease, saves two phrasings
 * of the first concept, says so on stdout, and then hangs until it is killed.
 */
final class CrashingWorkerProbe {
    private CrashingWorkerProbe() {}

    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        JdbiPersistence persistence = JdbiPersistence.over(dataSource);
        ScriptedLlm llm = new ScriptedLlm();
        llm.phrasingsWithHook(
                List.of(
                        ScriptedLlm.phrasing("First question from the doomed worker?"),
                        ScriptedLlm.phrasing("Second question from the doomed worker?"),
                        ScriptedLlm.phrasing("Third question it never saves?")),
                2,
                () -> {
                    System.out.println("saved 2");
                    System.out.flush();
                    ChildJvm.hang();
                });
        Clock clock = Clock.systemUTC();
        JobPipeline pipeline = ScriptedPipelines.over(persistence, llm, clock, Sleeper.system());
        JobWorker worker = new JobWorker(
                persistence.jobs(),
                pipeline,
                new Worker.Settings("doomed", 1, Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ZERO),
                clock,
                JobSignals.polling(Sleeper.system()),
                outcome -> {});
        worker.runUntilIdle();
    }
}
