package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.in.CheckHealth;
import dev.recollect.ports.in.CheckHealth.Check;
import dev.recollect.ports.in.CheckHealth.Status;
import dev.recollect.ports.out.JobReports;
import dev.recollect.ports.out.LanguageModels;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.Proxies;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The health checks, each passing, failing and skipped. */
class HealthChecksTest {
    private final PipelineHarness h = new PipelineHarness();

    private CheckHealth.Health check(Persistence persistence, Optional<LanguageModels> models, boolean model) {
        return new HealthChecks(persistence, models, h.clock).check(new CheckHealth.Query(model));
    }

    private CheckHealth.Health check() {
        return check(h.stores, Optional.of(h.llm), false);
    }

    private static Check named(CheckHealth.Health health, String name) {
        return health.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aJobPastItsLeaseIsStuck_andJobsWaitingWithNoWorkerAboutFailTheWorkersCheck() {
        GenerationJob stuck = h.create(new UserId("ann"), "Tides");
        h.stores.jobs().claim(1, "dead", Duration.ofSeconds(30), h.clock.instant());
        GenerationJob waiting = h.create(new UserId("bob"), "Rivers");
        h.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        CheckHealth.Health health = check();

        assertThat(stuck.id()).isNotEqualTo(waiting.id());
        assertThat(health.ok()).isFalse();
        assertThat(named(health, "stuck-jobs"))
                .isEqualTo(new Check(
                        "stuck-jobs",
                        Status.FAIL,
                        "1 processing jobs are past their lease; the next worker rescues them"));
        assertThat(named(health, "workers").status()).isEqualTo(Status.FAIL);
        assertThat(named(health, "workers").detail())
                .isEqualTo("1 jobs waiting since " + waiting.createdAt() + " and no worker seen since never: start a"
                        + " worker (`recollect jobs work`)");
    }

    @Test
    void aLiveLeaseOrARecentWaitIsHealthy() {
        h.create(new UserId("ann"), "Tides");
        h.stores.jobs().claim(1, "alive", Duration.ofMinutes(10), h.clock.instant());
        assertThat(named(check(), "workers"))
                .isEqualTo(new Check("workers", Status.OK, "1 jobs in progress under live leases"));

        PipelineHarness fresh = new PipelineHarness();
        fresh.create(new UserId("bob"), "Rivers");
        fresh.clock.advance(Duration.ofMinutes(4));
        CheckHealth.Health waiting =
                new HealthChecks(fresh.stores, Optional.empty(), fresh.clock).check(new CheckHealth.Query(false));
        assertThat(named(waiting, "workers"))
                .isEqualTo(new Check("workers", Status.OK, "1 jobs waiting; a worker last finished a job: never"));
        assertThat(waiting.ok()).isTrue();
    }

    @Test
    void everyStatusFoldsToItsOwnBranch() {
        assertThat(List.of(Status.OK, Status.FAIL, Status.SKIP))
                .extracting(s -> s.fold(ok -> "ok", fail -> "fail", skip -> "skip"))
                .containsExactly("ok", "fail", "skip");
    }

    @Test
    void aQueryIsRequired_aFailureWithoutAMessageIsNamed_andTheLastFinishedJobIsShown() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new HealthChecks(h.stores, Optional.empty(), h.clock).check(null))
                .isInstanceOf(dev.recollect.ports.in.InvalidCommandException.class);
        JobReports silent = Proxies.around(JobReports.class, h.stores.jobReports(), call -> {
            throw new IllegalStateException();
        });
        Persistence persistence = Proxies.around(
                Persistence.class, h.stores, call -> call.name().equals("jobReports") ? silent : call.proceed());
        assertThat(named(check(persistence, Optional.empty(), false), "stuck-jobs")
                        .detail())
                .isEqualTo("java.lang.IllegalStateException");

        GenerationJob done = h.create(new UserId("ann"), "Tides");
        h.pipeline().process(done.id());
        assertThat(named(check(), "workers").detail())
                .isEqualTo("no job waiting; a worker last finished a job: "
                        + h.job(done.id()).completedAt());
    }
}
