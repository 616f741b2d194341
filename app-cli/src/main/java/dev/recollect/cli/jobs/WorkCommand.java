package dev.recollect.cli.jobs;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.app.App;
import dev.recollect.cli.app.MetricsLog;
import dev.recollect.cli.app.Model;
import dev.recollect.cli.command.MetricsOption;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.out.JobSignals;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.service.Housekeeper;
import dev.recollect.ports.service.JobWorker;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recollect jobs work}: a worker that claims pending jobs (and expired leases) and processes them. */
@Command(
        name = "work",
        description = "Process jobs: until stopped (Ctrl-C), or until none is left with --until-idle.",
        mixinStandardHelpOptions = true)
public final class WorkCommand extends JobCommand {
    /** A worker runs until stopped: {@code db stop} refuses to pull the server from under it. */
    @Override
    protected SharedPostgres.Role role() {
        return SharedPostgres.Role.WORKER;
    }

    @Option(names = "--until-idle", description = "Stop when no job is left to claim.")
    boolean untilIdle;

    @Option(names = "--worker-id", description = "The id written into the leases; default host and process id.")
    String workerId;

    @Option(
            names = "--provider",
            defaultValue = "AUTO",
            description = "auto (Gemini when GEMINI_API_KEY is set), gemini, or offline (bundled sample content).")
    Model.Provider provider;

    @Mixin
    MetricsOption metricsOption;

    // "try": the housekeeper runs for the block on its own thread, never read inside it.
    @SuppressWarnings("try")
    @Override
    protected int run(App app, Output out) throws Exception {
        if (workerId != null && workerId.isBlank()) {
            throw CliException.invalid("--worker-id must not be blank");
        }
        List<GenerationJob> finished = Collections.synchronizedList(new ArrayList<>());
        int processed;
        // Closing the log publishes the last, partial interval, so even a short run logs its figures.
        try (MetricsLog metrics = metricsOption.open();
                Housekeeper housekeeping = untilIdle ? null : app.housekeeper()) {
            Model model = Model.resolve(provider, environment(), false);
            out.err().println("Model: " + model.description() + "; database: " + app.description());
            metrics.withQueue(app.persistence().jobReports(), app.clock());
            processed = work(app, model, out, untilIdle, finished, workerId, metrics.metrics());
        }
        out.document(Map.of(
                "processed",
                processed,
                "jobs",
                finished.stream().map(Views::job).toList()));
        out.line("Processed %d jobs.", processed);
        // A key the provider refuses fails every job the same way: say so plainly, as the bad setting it is.
        finished.stream()
                .filter(job ->
                        job.failure().map(e -> e.code() == ErrorCode.API_KEY).orElse(false))
                .findFirst()
                .ifPresent(job -> {
                    throw CliException.invalid("the model provider rejected GEMINI_API_KEY (job " + job.id()
                            + " failed with API_KEY); check the key");
                });
        return ExitCode.OK;
    }

    /** Runs one worker with the job settings, over {@code model}, with progress on stderr; the demo runs it so. */
    public static int work(App app, Model model, Output out, boolean untilIdle, List<GenerationJob> finished)
            throws Exception {
        return work(app, model, out, untilIdle, finished, null, Metrics.NONE);
    }

    /**
     * Runs a worker over {@code model} with progress on stderr.
     *
     * @param workerId the id written into the leases; {@code null} for this host and process
     * @param metrics what the pipeline records into
     */
    private static int work(
            App app,
            Model model,
            Output out,
            boolean untilIdle,
            List<GenerationJob> finished,
            String workerId,
            Metrics metrics)
            throws Exception {
        String id = workerId != null
                ? workerId
                : ManagementFactory.getRuntimeMXBean().getName();
        JobWorker.Settings settings = app.jobSettings().worker(id);
        boolean interactive = System.console() != null && !out.json();
        try (JobSignals signals = app.signals();
                JobProgress progress = new JobProgress(app.persistence().jobs(), out.err(), interactive);
                JobWorker worker = new JobWorker(
                        app.persistence().jobs(),
                        app.pipeline(model, metrics),
                        settings,
                        app.clock(),
                        signals,
                        outcome -> {
                            outcome.fold(
                                    done -> finished.add(done.job()),
                                    missing -> false,
                                    superseded -> false,
                                    interrupted -> false);
                        })) {
            Thread hook = new Thread(worker::close, "recollect-worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
                if (untilIdle) {
                    return worker.runUntilIdle();
                }
                try {
                    worker.runUntilStopped();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return finished.size();
            });
            int shown = 0;
            while (true) {
                try {
                    int processed = run.get(250, TimeUnit.MILLISECONDS);
                    showFinished(progress, finished, shown);
                    removeHook(hook);
                    return processed;
                } catch (TimeoutException e) {
                    // A display refresh, not a synchronisation: the worker runs on its own threads.
                    progress.refresh(worker.running().keySet());
                    shown = showFinished(progress, finished, shown);
                } catch (ExecutionException e) {
                    removeHook(hook);
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
    }

    private static int showFinished(JobProgress progress, List<GenerationJob> finished, int shown) {
        synchronized (finished) {
            for (int i = shown; i < finished.size(); i++) {
                progress.finished(finished.get(i));
            }
            return finished.size();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down.
        }
    }
}
