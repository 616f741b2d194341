package dev.recollect.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.recollect.adapters.jdbi.JdbiPersistence;
import dev.recollect.ports.Recollect;
import dev.recollect.ports.in.GetNextReview;
import dev.recollect.ports.in.RecordInteraction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The review path on PostgreSQL, against its physical limit, in one run: {@code RecordInteraction} through the
 * library (lock the concept and the phrasing, judge, schedule with FSRS, write the card, the counters, the interaction
 * and the learner's stats, in one transaction) with 1, 4 and 8 threads, against the same rows written by hand-written
 * SQL in one transaction per answer; then {@code GetNextReview}'s latency. The base: 10,000 learners with 100
 * concepts each (1,000,000 concepts, one phrasing each), all due; every answer goes to a concept drawn at random, so
 * that answers rarely meet on a row, as learners' answers do.
 *
 * <p>Usage: {@code benchmarks/reviews/run.sh} (see {@code docs/benchmarks.md}).
 */
public final class ReviewPathBench {
    /** How many alternating slices each side's answers are split into. */
    private static final int SLICES = 4;

    private final int learners;
    private final int conceptsPerLearner;
    private final int answersPerRun;
    private final int nextReviews;

    private ReviewPathBench(BenchDatabase.Args args) {
        this.learners = args.size(10_000, 100);
        this.conceptsPerLearner = args.size(100, 10);
        this.answersPerRun = args.size(20_000, 200);
        this.nextReviews = args.size(4_000, 100);
    }

    /** Runs the benchmark; see {@link BenchDatabase} for the arguments. */
    public static void main(String[] args) throws Exception {
        BenchDatabase.Args options = BenchDatabase.Args.parse(args, "");
        new ReviewPathBench(options).run(options);
    }

    private void run(BenchDatabase.Args options) throws Exception {
        try (BenchDatabase database = BenchDatabase.open(options);
                HikariDataSource pool = database.pool(10)) {
            JdbiPersistence.migrateSchema(pool);
            String prefix = "rb" + Long.toString(System.nanoTime(), 36) + "-";
            long t0 = System.nanoTime();
            fill(pool, prefix);
            System.out.printf(
                    Locale.ROOT,
                    "base: %,d learners, %,d concepts and phrasings, built in %.0f s%n",
                    learners,
                    (long) learners * conceptsPerLearner,
                    (System.nanoTime() - t0) / 1e9);
            Recollect recollect = Recollect.builder()
                    .persistence(JdbiPersistence.over(pool))
                    .seed(1)
                    .build();
            // Warm-up of both paths, on answers that are not measured.
            measure(answers(prefix, 500, 99), 2, target -> library(recollect, target));
            measure(answers(prefix, 500, 98), 2, target -> anchor(pool, target));
            for (int threads : new int[] {1, 4, 8}) {
                // Alternating slices, so that a checkpoint or an autovacuum falls on both sides alike.
                Figures library = Figures.NONE;
                Figures anchor = Figures.NONE;
                for (int slice = 0; slice < SLICES; slice++) {
                    library = library.plus(measure(
                            answers(prefix, answersPerRun / SLICES, 100L * threads + slice),
                            threads,
                            t -> library(recollect, t)));
                    anchor = anchor.plus(measure(
                            answers(prefix, answersPerRun / SLICES, 100L * threads + 50 + slice),
                            threads,
                            t -> anchor(pool, t)));
                }
                System.out.printf(
                        Locale.ROOT,
                        "RecordInteraction, %d threads: %,8.0f reviews/s (%.0f%% of the anchor's %,.0f);"
                                + " p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (anchor p95 %.2f ms)%n",
                        threads,
                        library.perSecond(),
                        100 * library.perSecond() / anchor.perSecond(),
                        anchor.perSecond(),
                        library.percentile(50),
                        library.percentile(95),
                        library.percentile(99),
                        anchor.percentile(95));
            }
            SplittableRandom random = new SplittableRandom(7);
            List<Target> learnersAsked = new ArrayList<>();
            for (int i = 0; i < nextReviews; i++) {
                learnersAsked.add(new Target(prefix + random.nextInt(learners), null, null));
            }
            for (int threads : new int[] {1, 4}) {
                // A learner whose concepts were all answered in the runs above has nothing due: a pick that finds
                // nothing is still a pick (it reads the same rows), and the figure says how many found one.
                AtomicInteger found = new AtomicInteger();
                Figures next = measure(learnersAsked, threads, target -> {
                    GetNextReview.Result result =
                            recollect.getNextReview().next(new GetNextReview.Query(target.learner()));
                    if (result instanceof GetNextReview.Result.Next) {
                        found.incrementAndGet();
                    }
                });
                System.out.printf(
                        Locale.ROOT,
                        "GetNextReview, %d threads: %,8.0f picks/s (%,d of %,d found a review); p50 %.2f ms,"
                                + " p95 %.2f ms, p99 %.2f ms%n",
                        threads,
                        next.perSecond(),
                        found.get(),
                        learnersAsked.size(),
                        next.percentile(50),
                        next.percentile(95),
                        next.percentile(99));
            }
        }
    }

    /** One answer's target. */
    private record Target(String learner, UUID concept, UUID phrasing) {}

    /** {@code count} answers to concepts drawn at random (seeded by {@code seed}) from the base. */
    private List<Target> answers(String prefix, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Target> targets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int learner = random.nextInt(learners);
            int concept = random.nextInt(conceptsPerLearner);
            targets.add(
                    new Target(prefix + learner, id(prefix, "c", learner, concept), id(prefix, "p", learner, concept)));
        }
        return targets;
    }

    /** The id the fill gives a row: a name-based UUID of its learner and number, computed alike in SQL and here. */
    private static UUID id(String prefix, String kind, int learner, int concept) {
        return UUID.nameUUIDFromBytes(
                (prefix + kind + learner + ":" + concept).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void library(Recollect recollect, Target target) {
        RecordInteraction.Result result = recollect
                .recordInteraction()
                .record(new RecordInteraction.Command(
                        target.learner(),
                        target.concept().toString(),
                        target.phrasing().toString(),
                        "1",
                        null,
                        2_000,
                        null));
        if (!(result instanceof RecordInteraction.Result.Recorded)) {
            throw new IllegalStateException("not recorded: " + result);
        }
    }

    /**
     * The same rows, by hand: lock the concept and the phrasing, write a new card, the phrasing's counters, the
     * interaction and the learner's counters, and commit. No FSRS and no mapping: the physical limit of the schema.
     */
    private static void anchor(DataSource pool, Target target) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp due = Timestamp.from(Instant.now().plusSeconds(600));
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement concept = c.prepareStatement(
                        "SELECT id, state, stability, difficulty, reps FROM concepts WHERE id = ? AND user_id = ?"
                                + " FOR UPDATE")) {
                    concept.setObject(1, target.concept());
                    concept.setString(2, target.learner());
                    try (ResultSet row = concept.executeQuery()) {
                        if (!row.next()) {
                            throw new IllegalStateException("no concept " + target.concept());
                        }
                    }
                }
                try (PreparedStatement phrasing = c.prepareStatement(
                        "SELECT id, correct_answer, options FROM phrasings WHERE id = ? AND user_id = ? FOR UPDATE")) {
                    phrasing.setObject(1, target.phrasing());
                    phrasing.setString(2, target.learner());
                    phrasing.executeQuery().close();
                }
                execute(
                        c,
                        "UPDATE concepts SET due = ?, stability = 2.3, difficulty = 5.0, elapsed_days = 0,"
                                + " scheduled_days = 0, learning_steps = 1, reps = reps + 1, state = 'learning',"
                                + " last_review = ?, updated_at = ? WHERE id = ?",
                        due,
                        now,
                        now,
                        target.concept());
                execute(
                        c,
                        "UPDATE phrasings SET attempt_count = attempt_count + 1, correct_count = correct_count + 1,"
                                + " last_attempted_at = ?, updated_at = ? WHERE id = ?",
                        now,
                        now,
                        target.phrasing());
                execute(
                        c,
                        "INSERT INTO interactions (id, user_id, concept_id, phrasing_id, user_answer, is_correct,"
                                + " attempted_at, time_spent_ms, scheduled_days, next_review, fsrs_state)"
                                + " VALUES (?, ?, ?, ?, 'True', true, ?, 2000, 0, ?, 'learning')",
                        UUID.randomUUID(),
                        target.learner(),
                        target.concept(),
                        target.phrasing(),
                        now,
                        due);
                execute(
                        c,
                        "INSERT INTO user_stats (user_id, total_cards, new_count, learning_count, mature_count,"
                                + " last_calculated) VALUES (?, 0, 0, 1, 0, ?) ON CONFLICT (user_id) DO UPDATE SET"
                                + " new_count = GREATEST(0, user_stats.new_count - 1),"
                                + " learning_count = user_stats.learning_count + 1, last_calculated = ?",
                        target.learner(),
                        now,
                        now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** One statement of the anchor, its parameters bound in order. */
    private static void execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private interface Step {
        void run(Target target) throws Exception;
    }

    /**
     * Figures of one run.
     *
     * @param millis each call's latency, sorted
     * @param seconds the run's wall-clock time
     */
    private record Figures(double[] millis, double seconds) {
        static final Figures NONE = new Figures(new double[0], 0);

        /** The two runs as one: their calls' latencies, and their times added. */
        Figures plus(Figures other) {
            double[] both = Arrays.copyOf(millis, millis.length + other.millis.length);
            System.arraycopy(other.millis, 0, both, millis.length, other.millis.length);
            Arrays.sort(both);
            return new Figures(both, seconds + other.seconds);
        }

        double perSecond() {
            return millis.length / seconds;
        }

        double percentile(int p) {
            return millis[Math.min(millis.length - 1, (int) Math.ceil(p / 100.0 * millis.length) - 1)];
        }
    }

    /** Runs every target once across {@code threads} threads; each call's latency, and the whole run's rate. */
    private static Figures measure(List<Target> targets, int threads, Step step) throws Exception {
        double[] millis = new double[targets.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                running.add(pool.submit(() -> {
                    for (int i = first; i < targets.size(); i += threads) {
                        long began = System.nanoTime();
                        step.run(targets.get(i));
                        millis[i] = (System.nanoTime() - began) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        } finally {
            // A failed step must end the benchmark, not leave its threads keeping the JVM alive.
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(millis);
        return new Figures(millis, seconds);
    }

    /**
     * The base: every learner's concepts, new and due, each with one true/false phrasing whose first option is right,
     * and the learner's counters. Ids are name-based, so that the answers can name their rows without reading them.
     */
    private void fill(DataSource pool, String prefix) throws SQLException {
        String ids = "FROM generate_series(0, " + (learners - 1) + ") AS l, generate_series(0, "
                + (conceptsPerLearner - 1) + ") AS c";
        BenchDatabase.sql(
                pool,
                "INSERT INTO concepts (id, user_id, title, title_key, description, due, stability, difficulty,"
                        + " elapsed_days, scheduled_days, learning_steps, reps, lapses, state, phrasing_count,"
                        + " created_at, updated_at) SELECT " + uuid(prefix, "c") + ", '" + prefix + "' || l,"
                        + " 'Concept ' || c, 'concept ' || c, 'About it.', now() - interval '1 day', 0, 0, 0, 0, 0,"
                        + " 0, 0, 'new', 1, now() - interval '2 days', now() - interval '2 days' " + ids);
        BenchDatabase.sql(
                pool,
                "INSERT INTO phrasings (id, user_id, concept_id, question, question_key, explanation, type, options,"
                        + " correct_answer, created_at, updated_at) SELECT " + uuid(prefix, "p") + ", '" + prefix
                        + "' || l, " + uuid(prefix, "c") + ", 'Is concept ' || c || ' true?', 'is concept ' || c"
                        + " || ' true?', 'Because.', 'true-false', ARRAY['True', 'False'], 'True',"
                        + " now() - interval '2 days', now() - interval '2 days' " + ids);
        BenchDatabase.sql(
                pool,
                "INSERT INTO user_stats (user_id, total_cards, new_count, learning_count, mature_count,"
                        + " last_calculated) SELECT '" + prefix + "' || l, " + conceptsPerLearner + ", "
                        + conceptsPerLearner + ", 0, 0, now() FROM generate_series(0, " + (learners - 1) + ") AS l");
        BenchDatabase.sql(pool, "VACUUM ANALYZE concepts");
        BenchDatabase.sql(pool, "VACUUM ANALYZE phrasings");
        BenchDatabase.sql(pool, "VACUUM ANALYZE user_stats");
    }

    /** SQL for the name-based UUID of {@link #id}: MD5 of the name with the version 3 and variant bits set. */
    private static String uuid(String prefix, String kind) {
        String md5 = "md5('" + prefix + kind + "' || l || ':' || c)";
        return "(overlay(overlay(" + md5 + " placing '3' from 13) placing substr('89ab', (('x' || substr(" + md5
                + ", 17, 1))::bit(4)::int % 4) + 1, 1) from 17))::uuid";
    }
}
