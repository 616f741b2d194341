package dev.recollect.ports.service;

import dev.recollect.domain.job.WorkerActivity;
import dev.recollect.ports.in.CheckHealth;
import dev.recollect.ports.out.LanguageModels;
import dev.recollect.ports.out.Persistence;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The health checks: the store, its schema, stuck jobs, the workers' traces and, when asked, the model. */
public final class HealthChecks implements CheckHealth {
    private final Persistence persistence;
    private final Optional<LanguageModels> models;
    private final Clock clock;

    /**
     * Checks over {@code persistence}.
     *
     * @param models the model to check when asked; empty when none is configured, which then fails that check
     */
    public HealthChecks(Persistence persistence, Optional<LanguageModels> models, Clock clock) {
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        this.models = Objects.requireNonNull(models, "models");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health check(Query query) {
        CommandValidator.valid(query);
        List<Check> checks = new ArrayList<>();
        Persistence.Schema schema;
        try {
            schema = persistence.schema();
            checks.add(new Check("database", Status.OK, "the store answers"));
        } catch (RuntimeException e) {
            schema = null;
            checks.add(new Check("database", Status.FAIL, "the store does not answer: " + e.getMessage()));
        }
        if (schema == null) {
            skip(checks, "the store does not answer", "schema", "stuck-jobs", "workers");
        } else if (!schema.isCurrent()) {
            checks.add(new Check(
                    "schema",
                    Status.FAIL,
                    "version " + schema.version() + ", " + schema.pending() + " migrations pending: migrate the"
                            + " schema (`recollect db migrate`)"));
            skip(checks, "the schema is not current", "stuck-jobs", "workers");
        } else {
            checks.add(new Check("schema", Status.OK, "version " + schema.version()));
            Instant now = clock.instant();
            checks.add(
                    guarded("stuck-jobs", () -> stuck(persistence.jobReports().countStuck(now))));
            checks.add(guarded("workers", () -> workers(persistence.jobReports().workerActivity(now), now)));
        }
        if (query.model()) {
            checks.add(guarded("model", this::model));
        }
        return new Health(checks);
    }

    private static void skip(List<Check> checks, String why, String... names) {
        for (String name : names) {
            checks.add(new Check(name, Status.SKIP, why));
        }
    }

    /** A check whose own failure is its outcome, not the end of the others. */
    private static Check guarded(String name, java.util.function.Supplier<Check> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return new Check(name, Status.FAIL, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Check stuck(int stuck) {
        return stuck == 0
                ? new Check("stuck-jobs", Status.OK, "no processing job is past its lease")
                : new Check(
                        "stuck-jobs",
                        Status.FAIL,
                        stuck + " processing jobs are past their lease; the next worker rescues them");
    }

    static Check workers(WorkerActivity activity, Instant now) {
        String last = activity.lastFinished() == null
                ? "never"
                : activity.lastFinished().toString();
        if (activity.liveLeases() > 0) {
            return new Check("workers", Status.OK, activity.liveLeases() + " jobs in progress under live leases");
        }
        if (activity.pending() == 0) {
            return new Check("workers", Status.OK, "no job waiting; a worker last finished a job: " + last);
        }
        if (activity.unattended(now, PATIENCE)) {
            return new Check(
                    "workers",
                    Status.FAIL,
                    activity.pending() + " jobs waiting since " + activity.oldestPending()
                            + " and no worker seen since " + last + ": start a worker (`recollect jobs work`)");
        }
        return new Check(
                "workers", Status.OK, activity.pending() + " jobs waiting; a worker last finished a job: " + last);
    }

    private Check model() {
        if (models.isEmpty()) {
            return new Check("model", Status.FAIL, "no model is configured");
        }
        LanguageModels model = models.get();
        return model.embedder()
                .map(embedder -> new Check(
                        "model",
                        Status.OK,
                        model.description() + " answered (" + embedder.embed("ping").length + " dimensions)"))
                .orElseGet(() ->
                        new Check("model", Status.SKIP, model.description() + " has no cheap call to check it with"));
    }
}
