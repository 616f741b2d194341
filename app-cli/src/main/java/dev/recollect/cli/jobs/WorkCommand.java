package dev.recollect.cli.jobs;

import dev.recollect.adapters.jdbi.server.SharedPostgres;
import dev.recollect.cli.app.App;
import dev.recollect.cli.app.JobSettings;
import dev.recollect.cli.app.MetricsLog;
import dev.recollect.cli.app.Model;
import dev.recollect.cli.command.MetricsOption;
import dev.recollect.cli.support.CliException;
import dev.recollect.cli.support.ExitCode;
import dev.recollect.cli.support.Output;
import dev.recollect.cli.support.Views;
import dev.recollect.domain.failure.ErrorCode;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.in.Worker;
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

    @Override
    protected int run(App app, Output out) throws Exception {
        if (workerId != null && workerId.isBlank()) {
            throw CliException.invalid("--worker-id must not be blank");
        }
        List<GenerationJob> finished = Collections.synchronizedList(new ArrayList<>());
        int processed;
        // Closing the log publishes the last, partial interval, so even a short run logs its figures.
        try (MetricsLog metrics = metricsOption.open()) {
            Model model = Model.resolve(provider, environment(), false);
            out.err().println("Model: " + model.description() + "; database: " + app.description());
            processed = work(app.recollect(model, metrics), app.jobSettings(), out, untilIdle, finished, workerId);
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

    /**
     * Runs one worker of {@code recollect} with the job settings until no job is left, with progress on stderr; the
     * demo runs it so.
     */
    public static int workUntilIdle(Recollect recollect, JobSettings settings, Output out, List<GenerationJob> finished)
            throws Exception {
        return work(recollect, settings, out, true, finished, null);
    }

    /**
     * Runs a worker of {@code recollect} with progress on stderr: until idle, or until stopped (Ctrl-C), which then
     * shuts it down gracefully.
     *
     * @param workerId the id written into the leases; {@code null} for this host and process
     */
    private static int work(
            Recollect recollect,
            JobSettings jobSettings,
            Output out,
            boolean untilIdle,
            List<GenerationJob> finished,
            String workerId)
            throws Exception {
        String id = workerId != null
                ? workerId
                : ManagementFactory.getRuntimeMXBean().getName();
        Worker.Settings settings = jobSettings.worker(id);
        boolean interactive = System.console() != null && !out.json();
        try (JobProgress progress = new JobProgress(out.err(), interactive);
                Worker worker = recollect.worker(settings, outcome -> {
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
                    worker.runUntilClosed();
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
                    progress.refresh(worker.running());
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
