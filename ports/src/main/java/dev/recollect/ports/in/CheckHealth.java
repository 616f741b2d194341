package dev.recollect.ports.in;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks what a deployment needs to work: the store answers and its schema is current, no job is stuck past its
 * lease, workers are about when jobs wait, and (when asked, since it costs a call) that the model answers.
 */
public interface CheckHealth {
    /** How long pending jobs may wait with no sign of a worker before the workers check fails. */
    Duration PATIENCE = Duration.ofMinutes(5);

    /** Runs the checks; a check that cannot run because an earlier one failed is skipped, not failed. */
    Health check(Query query);

    /**
     * Which checks to run.
     *
     * @param model whether to make one small call to the model
     */
    record Query(boolean model) {}

    /**
     * The checks' outcomes, in order: {@code database}, {@code schema}, {@code stuck-jobs}, {@code workers}, and
     * {@code model} when asked.
     *
     * @param checks each check's outcome
     */
    record Health(List<Check> checks) {
        /** Copies the list. */
        public Health {
            checks = List.copyOf(checks);
        }

        /** Whether no check failed; skipped checks do not count. */
        public boolean ok() {
            return checks.stream().noneMatch(check -> check.status() == Status.FAIL);
        }
    }

    /**
     * One check's outcome.
     *
     * @param name the check
     * @param status how it went
     * @param detail what was found, for people
     */
    record Check(String name, Status status, String detail) {
        /** Requires every part. */
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** How a check went. */
    enum Status {
        /** Passed. */
        OK,
        /** Failed: something needs an operator. */
        FAIL,
        /** Not run, because what it needs failed. */
        SKIP;

        /** Applies the function for this status; a new status breaks every caller at compile time. */
        public <R> R fold(Function<Status, R> ok, Function<Status, R> fail, Function<Status, R> skip) {
            return switch (this) {
                case OK -> ok.apply(this);
                case FAIL -> fail.apply(this);
                case SKIP -> skip.apply(this);
            };
        }
    }
}
