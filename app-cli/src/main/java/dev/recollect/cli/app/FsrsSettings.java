package dev.recollect.cli.app;

import dev.recollect.cli.support.CliException;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.fsrs.Parameters;
import dev.recollect.domain.review.Reviewer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The deployment's FSRS settings: the reference's (365-day maximum, fuzz on, short-term on, retention 0.9), each
 * overridable by an environment variable. A bad value is refused with the variable's name.
 */
final class FsrsSettings {
    static final String RETENTION = "RECOLLECT_FSRS_RETENTION";
    static final String MAXIMUM_INTERVAL = "RECOLLECT_FSRS_MAXIMUM_INTERVAL";
    static final String FUZZ = "RECOLLECT_FSRS_FUZZ";
    static final String SHORT_TERM = "RECOLLECT_FSRS_SHORT_TERM";
    static final String LEARNING_STEPS = "RECOLLECT_FSRS_LEARNING_STEPS";
    static final String RELEARNING_STEPS = "RECOLLECT_FSRS_RELEARNING_STEPS";

    private FsrsSettings() {}

    static Parameters from(Map<String, String> env) {
        Parameters.Builder builder = Reviewer.referenceParameters().toBuilder();
        try {
            if (env.containsKey(RETENTION)) {
                builder.requestRetention(number(env, RETENTION));
            }
            if (env.containsKey(MAXIMUM_INTERVAL)) {
                builder.maximumInterval((int) number(env, MAXIMUM_INTERVAL));
            }
            if (env.containsKey(FUZZ)) {
                builder.enableFuzz(bool(env, FUZZ));
            }
            if (env.containsKey(SHORT_TERM)) {
                builder.enableShortTerm(bool(env, SHORT_TERM));
            }
            if (env.containsKey(LEARNING_STEPS)) {
                builder.learningSteps(steps(env, LEARNING_STEPS));
            }
            if (env.containsKey(RELEARNING_STEPS)) {
                builder.relearningSteps(steps(env, RELEARNING_STEPS));
            }
            return builder.build();
        } catch (DomainException e) {
            throw CliException.invalid("invalid FSRS setting: " + e.getMessage());
        }
    }

    private static double number(Map<String, String> env, String name) {
        try {
            return Double.parseDouble(env.get(name).strip());
        } catch (NumberFormatException e) {
            throw CliException.invalid(name + " must be a number, got \"" + env.get(name) + "\"");
        }
    }

    private static boolean bool(Map<String, String> env, String name) {
        return switch (env.get(name).strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes" -> true;
            case "false", "off", "0", "no" -> false;
            default -> throw CliException.invalid(name + " must be true or false, got \"" + env.get(name) + "\"");
        };
    }

    private static List<Duration> steps(Map<String, String> env, String name) {
        String value = env.get(name).strip();
        if (value.isEmpty()) {
            return List.of();
        }
        try {
            return Arrays.stream(value.split(","))
                    .map(String::strip)
                    .map(Parameters::parseStep)
                    .toList();
        } catch (DomainException | IllegalArgumentException e) {
            throw CliException.invalid(name + " must list steps such as 1m,10m: " + e.getMessage());
        }
    }
}
