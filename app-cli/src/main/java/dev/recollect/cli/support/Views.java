package dev.recollect.cli.support;

import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Interaction;
import dev.recollect.domain.stats.StatsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of the CLI's values, with the stable field names documented in {@code docs/cli.md}, and their
 * one-line forms for people. Built by hand rather than by reflection so that renaming a Java field never renames a
 * JSON one.
 */
public final class Views {
    private Views() {}

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A job. */
    public static Map<String, Object> job(GenerationJob job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id().toString());
        m.put("userId", job.userId().value());
        m.put("prompt", job.prompt());
        m.put("status", job.status().wireName());
        m.put("phase", job.phase().wireName());
        m.put("topic", job.topic());
        m.put("phrasingGenerated", job.questionsGenerated());
        m.put("phrasingSaved", job.questionsSaved());
        m.put("estimatedTotal", job.estimatedTotal());
        m.put("conceptIds", job.conceptIds().stream().map(Object::toString).toList());
        m.put(
                "pendingConceptIds",
                job.pendingConceptIds().stream().map(Object::toString).toList());
        m.put("attempts", job.attempts());
        m.put("rescues", job.rescues());
        m.put("retries", job.retries());
        m.put("durationMs", job.durationMs());
        m.put("errorCode", job.failure().map(e -> e.code().name()).orElse(null));
        m.put("errorMessage", job.failure().map(e -> e.message()).orElse(null));
        m.put("retryable", job.failure().map(e -> e.retryable()).orElse(null));
        m.put("createdAt", time(job.createdAt()));
        m.put("startedAt", time(job.startedAt()));
        m.put("completedAt", time(job.completedAt()));
        return m;
    }

    /** A job in one line. */
    public static String jobLine(GenerationJob job) {
        String error =
                job.failure().map(e -> "  " + e.code() + ": " + e.message()).orElse("");
        // Fewer saved than the filters accepted (duplicates of what the learner had, or saves lost to a crash that the
        // count caught up with) is said, so that a short deck is never passed off as complete.
        String saved = String.format(Locale.ROOT, "%2d saved", job.questionsSaved())
                + (job.questionsGenerated() > job.questionsSaved()
                        ? " of " + job.questionsGenerated() + " accepted"
                        : "");
        return String.format(
                Locale.ROOT,
                "%s  %-10s %-19s %s  \"%s\"%s",
                job.id(),
                job.status().wireName(),
                job.phase().wireName(),
                saved,
                job.prompt(),
                error);
    }

    /** A concept, with its phrasings when given. */
    public static Map<String, Object> concept(Concept concept, List<Phrasing> phrasings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", concept.id().toString());
        m.put("title", concept.title());
        m.put("description", concept.description());
        m.put("state", concept.card().state().name().toLowerCase(Locale.ROOT));
        m.put("due", time(concept.card().due()));
        m.put("stability", concept.card().stability());
        m.put("difficulty", concept.card().difficulty());
        m.put("reps", concept.card().reps());
        m.put("lapses", concept.card().lapses());
        m.put("learningSteps", concept.card().learningSteps());
        m.put("scheduledDays", concept.card().scheduledDays());
        m.put("lastReview", time(concept.card().lastReview()));
        m.put("phrasingCount", concept.phrasingCount());
        m.put("thinScore", concept.thinScore());
        m.put("conflictScore", concept.conflictScore());
        m.put("archivedAt", time(concept.archivedAt()));
        m.put("deletedAt", time(concept.deletedAt()));
        if (phrasings != null) {
            m.put("phrasings", phrasings.stream().map(Views::phrasing).toList());
        }
        return m;
    }

    /** A phrasing. */
    public static Map<String, Object> phrasing(Phrasing p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().toString());
        m.put("conceptId", p.conceptId().toString());
        m.put("question", p.question());
        m.put("type", p.type().wireName());
        m.put("options", p.options());
        m.put("correctAnswer", p.correctAnswer());
        m.put("explanation", p.explanation());
        m.put("attemptCount", p.attemptCount());
        m.put("correctCount", p.correctCount());
        m.put("lastAttemptedAt", time(p.lastAttemptedAt()));
        m.put("active", p.isActive());
        return m;
    }

    /** An interaction. */
    public static Map<String, Object> interaction(Interaction i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id().toString());
        m.put("userAnswer", i.userAnswer());
        m.put("isCorrect", i.correct());
        m.put("attemptedAt", time(i.attemptedAt()));
        m.put("sessionId", i.sessionId());
        m.put("timeSpentMs", i.timeSpentMs());
        m.put("isRetry", i.retry());
        m.put("scheduledDays", i.scheduledDays());
        m.put("nextReview", time(i.nextReview()));
        m.put("fsrsState", i.fsrsState().name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** A learner's counts. */
    public static Map<String, Object> stats(StatsSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", s.counters().userId().value());
        m.put("totalCards", s.counters().totalCards());
        m.put("newCount", s.counters().newCount());
        m.put("learningCount", s.counters().learningCount());
        m.put("matureCount", s.counters().matureCount());
        m.put("dueNowCount", s.due().dueNowCount());
        m.put("nextReviewTime", time(s.due().nextReviewTime()));
        m.put("dueCount", s.dueCount());
        m.put("totalReviewable", s.totalReviewable());
        m.put("asOf", time(s.due().asOf()));
        m.put("lastCalculated", time(s.counters().lastCalculated()));
        return m;
    }

    /** A learner's counts in one line. */
    public static String statsLine(StatsSnapshot s) {
        String next = s.due().nextReviewTime() == null
                ? "none scheduled"
                : "next " + s.due().nextReviewTime();
        return String.format(
                Locale.ROOT,
                "%d cards: %d new, %d learning, %d mature; %d due now (%d reviews + %d new), %s",
                s.counters().totalCards(),
                s.counters().newCount(),
                s.counters().learningCount(),
                s.counters().matureCount(),
                s.due().dueNowCount(),
                s.dueCount(),
                s.newCount(),
                next);
    }

    /** "in 10 minutes", "in 3 days": how far {@code to} is from {@code from}, roughly. */
    public static String until(Instant from, Instant to) {
        // Rounded to the nearest minute: an answer shown a few milliseconds after it was scheduled is still "in 10".
        long minutes = (Duration.between(from, to).toSeconds() + 30) / 60;
        if (minutes <= 0) {
            return "now";
        }
        if (minutes < 60) {
            return "in " + plural(minutes, "minute");
        }
        if (minutes < 48 * 60) {
            return "in " + plural((minutes + 30) / 60, "hour");
        }
        return "in " + plural((minutes + 12 * 60) / (24 * 60), "day");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
