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
    static final String WEIGHTS = "RECOLLECT_FSRS_WEIGHTS";

    private FsrsSettings() {}

    static Parameters from(Map<String, String> env) {
        Map<String, java.util.function.Consumer<Parameters.Builder>> settings = new java.util.LinkedHashMap<>();
        if (env.containsKey(RETENTION)) {
            double retention = number(env, RETENTION);
            settings.put(RETENTION, b -> b.requestRetention(retention));
        }
        if (env.containsKey(MAXIMUM_INTERVAL)) {
            double days = number(env, MAXIMUM_INTERVAL);
            if (days != Math.rint(days) || days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
                throw CliException.invalid(MAXIMUM_INTERVAL + " must be a whole number of days, got \""
                        + env.get(MAXIMUM_INTERVAL) + "\"");
            }
            settings.put(MAXIMUM_INTERVAL, b -> b.maximumInterval((int) days));
        }
        if (env.containsKey(FUZZ)) {
            boolean fuzz = bool(env, FUZZ);
            settings.put(FUZZ, b -> b.enableFuzz(fuzz));
        }
        if (env.containsKey(SHORT_TERM)) {
            boolean shortTerm = bool(env, SHORT_TERM);
            settings.put(SHORT_TERM, b -> b.enableShortTerm(shortTerm));
        }
        if (env.containsKey(LEARNING_STEPS)) {
            List<Duration> learning = steps(env, LEARNING_STEPS);
            settings.put(LEARNING_STEPS, b -> b.learningSteps(learning));
        }
        if (env.containsKey(RELEARNING_STEPS)) {
            List<Duration> relearning = steps(env, RELEARNING_STEPS);
            settings.put(RELEARNING_STEPS, b -> b.relearningSteps(relearning));
        }
        if (env.containsKey(WEIGHTS)) {
            double[] weights = weights(env);
            settings.put(WEIGHTS, b -> b.w(weights));
        }
        // Each setting on its own first, so that the message names the variable at fault.
        settings.forEach((name, setting) -> build(List.of(setting), name + "=" + env.get(name)));
        return build(settings.values(), String.join(", ", settings.keySet()));
    }

    private static Parameters build(
            java.util.Collection<java.util.function.Consumer<Parameters.Builder>> settings, String which) {
        Parameters.Builder builder = Reviewer.referenceParameters().toBuilder();
        try {
            settings.forEach(setting -> setting.accept(builder));
            return builder.build();
        } catch (DomainException e) {
            throw CliException.invalid("invalid FSRS setting " + which + ": " + e.getMessage());
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

    /** 21 numbers (17 or 19 are migrated as ts-fsrs does), comma-separated, brackets optional: as optimize prints. */
    private static double[] weights(Map<String, String> env) {
        String value = env.get(WEIGHTS).strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        String[] parts = value.split(",");
        double[] weights = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                weights[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                weights[i] = Double.NaN;
            }
            if (!Double.isFinite(weights[i])) {
                throw CliException.invalid(WEIGHTS + " must list the 21 numbers `fsrs optimize` prints; w" + i
                        + " is \"" + parts[i].strip() + "\"");
            }
        }
        return weights;
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
