package dev.recollect.ports.service;

import dev.recollect.domain.DomainException;
import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.CleanupCounts;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.job.JobPolicy;
import dev.recollect.domain.job.JobStatus;
import dev.recollect.domain.job.JobTransition;
import dev.recollect.domain.paging.Cursor;
import dev.recollect.domain.paging.Page;
import dev.recollect.domain.paging.PageRequest;
import dev.recollect.ports.in.CancelJob;
import dev.recollect.ports.in.CleanupJobs;
import dev.recollect.ports.in.CreateJob;
import dev.recollect.ports.in.GetJob;
import dev.recollect.ports.in.InvalidCommandException;
import dev.recollect.ports.in.ListRecentJobs;
import dev.recollect.ports.in.RetryJob;
import dev.recollect.ports.out.IdGenerator;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.out.Metrics;
import dev.recollect.ports.out.RateLimitRule;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The job use cases other than processing: create, read, list, cancel, retry and clean up. */
public final class GenerationJobs implements CreateJob, GetJob, ListRecentJobs, CancelJob, RetryJob, CleanupJobs {
    private final JobStore jobs;
    private final JobPolicy policy;
    private final RateLimitRule limit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Metrics metrics;

    /** Services over {@code jobs}, with {@code policy} and the job-creation {@code limit}, recording no metrics. */
    public GenerationJobs(JobStore jobs, JobPolicy policy, RateLimitRule limit, IdGenerator ids, Clock clock) {
        this(jobs, policy, limit, ids, clock, Metrics.NONE);
    }

    /** Services that also count created, rejected and cancelled jobs into {@code metrics}. */
    public GenerationJobs(
            JobStore jobs, JobPolicy policy, RateLimitRule limit, IdGenerator ids, Clock clock, Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreateJob.Result create(CreateJob.Command command) {
        CreateJob.Result result = admit(command);
        Optional<Metrics.Rejection> rejection = result.fold(
                created -> Optional.empty(),
                invalid -> Optional.of(
                        switch (invalid.reason()) {
                            case TOO_SHORT -> Metrics.Rejection.PROMPT_TOO_SHORT;
                            case TOO_LONG -> Metrics.Rejection.PROMPT_TOO_LONG;
                            case CONTROL_CHARACTER -> Metrics.Rejection.PROMPT_CONTROL_CHARACTER;
                        }),
                tooMany -> Optional.of(Metrics.Rejection.TOO_MANY_ACTIVE),
                limited -> Optional.of(Metrics.Rejection.RATE_LIMITED));
        rejection.ifPresentOrElse(metrics::jobRejected, metrics::jobCreated);
        return result;
    }

    private CreateJob.Result admit(CreateJob.Command command) {
        CommandValidator.valid(command);
        UserId user = CommandValidator.userId(command.userId());
        return policy.checkPrompt(command.prompt())
                .fold(
                        accepted -> admitted(user, accepted.prompt(), command.ipAddress()),
                        tooShort -> new CreateJob.Result.InvalidPrompt(
                                CreateJob.PromptProblem.TOO_SHORT, tooShort.message()),
                        tooLong ->
                                new CreateJob.Result.InvalidPrompt(CreateJob.PromptProblem.TOO_LONG, tooLong.message()),
                        control -> new CreateJob.Result.InvalidPrompt(
                                CreateJob.PromptProblem.CONTROL_CHARACTER, control.message()));
    }

    private CreateJob.Result admitted(UserId user, String prompt, String ipAddress) {
        GenerationJob job = GenerationJob.create(
                new JobId(ids.next()), user, prompt, CommandValidator.ip(ipAddress), clock.instant());
        return jobs.createIfAllowed(job, policy, limit, clock.instant())
                .fold(
                        created -> new CreateJob.Result.Created(created.job()),
                        tooMany -> new CreateJob.Result.TooManyActiveJobs(
                                tooMany.active(), tooMany.maximum(), tooManyMessage(tooMany)),
                        limited -> new CreateJob.Result.RateLimited(limited.retryAfterSeconds(), limit.message()));
    }

    @Override
    public Optional<GenerationJob> get(GetJob.Query query) {
        CommandValidator.valid(query);
        return owned(CommandValidator.userId(query.userId()), CommandValidator.jobId(query.jobId()));
    }

    @Override
    public Page<GenerationJob> list(ListRecentJobs.Query query) {
        CommandValidator.valid(query);
        UserId user = CommandValidator.userId(query.userId());
        try {
            Cursor after = query.cursor() == null ? null : Cursor.decode(query.cursor());
            Set<JobStatus> statuses =
                    query.statuses().isEmpty() ? EnumSet.allOf(JobStatus.class) : EnumSet.copyOf(query.statuses());
            return jobs.listRecent(user, statuses, PageRequest.of(query.limit(), after));
        } catch (DomainException e) {
            throw new InvalidCommandException(List.of(e.getMessage()));
        }
    }

    @Override
    public ListRecentJobs.Quota quota(String userId) {
        UserId user = CommandValidator.userId(userId);
        return new ListRecentJobs.Quota(jobs.countActive(user), policy.maxActivePerUser());
    }

    @Override
    public CancelJob.Result cancel(CancelJob.Command command) {
        CommandValidator.valid(command);
        UserId user = CommandValidator.userId(command.userId());
        JobId id = CommandValidator.jobId(command.jobId());
        if (owned(user, id).isEmpty()) {
            return new CancelJob.Result.NotFound();
        }
        JobTransition transition =
                jobs.transition(id, job -> job.cancel(clock.instant())).orElse(null);
        if (transition == null) {
            return new CancelJob.Result.NotFound();
        }
        if (!transition.applied()) {
            return new CancelJob.Result.NotCancellable(transition.job());
        }
        metrics.jobFinished(transition.job());
        return new CancelJob.Result.Cancelled(transition.job());
    }

    @Override
    public RetryJob.Result retry(RetryJob.Command command) {
        CommandValidator.valid(command);
        UserId user = CommandValidator.userId(command.userId());
        JobId id = CommandValidator.jobId(command.jobId());
        return jobs.retryIfAllowed(
                        id,
                        user,
                        CommandValidator.ip(command.ipAddress()),
                        job -> job.retry(command.force()),
                        policy,
                        limit,
                        clock.instant())
                .fold(
                        retried -> {
                            metrics.jobRetried();
                            return new RetryJob.Result.Retried(retried.job());
                        },
                        missing -> new RetryJob.Result.NotFound(),
                        refused -> new RetryJob.Result.NotRetryable(
                                refused.refusal().job(), notRetryable(refused.refusal())),
                        tooMany -> {
                            metrics.jobRejected(Metrics.Rejection.TOO_MANY_ACTIVE);
                            return new RetryJob.Result.TooManyActiveJobs(
                                    tooMany.active(), tooMany.maximum(), tooManyMessage(tooMany));
                        },
                        limited -> {
                            metrics.jobRejected(Metrics.Rejection.RATE_LIMITED);
                            return new RetryJob.Result.RateLimited(limited.retryAfterSeconds(), limit.message());
                        });
    }

    private static String notRetryable(JobTransition.Refused refusal) {
        GenerationJob job = refusal.job();
        return refusal.reason() == JobTransition.Reason.NOT_RETRYABLE
                ? "Job failed with " + job.error().code() + ", which running it again would not change; force the"
                        + " retry to run it again anyway"
                : "Cannot retry job with status: " + job.status().wireName();
    }

    private static String tooManyMessage(JobStore.Admission.TooManyActive tooMany) {
        return "Too many concurrent jobs. Maximum " + tooMany.maximum() + " jobs allowed.";
    }

    @Override
    public CleanupJobs.Result cleanup() {
        var now = clock.instant();
        CleanupCounts expired = jobs.deleteExpired(policy, now);
        return new CleanupJobs.Result(expired, jobs.deleteAdmissionsBefore(now.minus(limit.window())));
    }

    private Optional<GenerationJob> owned(UserId user, JobId id) {
        return jobs.find(id).filter(job -> job.userId().equals(user));
    }
}
