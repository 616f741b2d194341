package dev.recollect.domain.fsrs.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.testing.SeededProperty;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/** Review logs to items, as the binding's converter does. */
class RevlogProperties {
    private static String show(TrainingItem item) {
        StringBuilder text = new StringBuilder();
        for (TrainingReview review : item.reviews()) {
            text.append(text.length() == 0 ? "" : " ")
                    .append(review.rating())
                    .append(':')
                    .append(review.deltaT());
        }
        return text.toString();
    }

    /** The binding's own example (checked against its npm build), without its rating-0 row, in UTC+8 from 4 am. */
    @Example
    void theBindingsExampleGivesItsItems() {
        List<Revlog.Row> rows = List.of(
                new Revlog.Row("1", 1700000000000L, 3, 0),
                new Revlog.Row("1", 1700000600000L, 3, 1),
                new Revlog.Row("1", 1700090000000L, 3, 2),
                new Revlog.Row("2", 1700000000000L, 1, 0),
                new Revlog.Row("2", 1700090000000L, 4, 4),
                new Revlog.Row("2", 1700190000000L, 3, 2));

        List<TrainingItem> items = Revlog.items(rows, ZoneId.of("+08:00"), 4);

        assertThat(items).extracting(RevlogProperties::show).containsExactly("3:0 3:0 3:1", "1:0 4:1", "1:0 4:1 3:1");
    }

    /** One row of a card: minutes after the previous row, the rating, and whether it is a learning row. */
    record Step(int minutes, int rating, boolean learning) {}

    @Provide
    Arbitrary<List<List<Step>>> cards() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.of(0, 5, 600, 1440, 2000, 5000, 20000),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.of(true, false))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(8).list().ofMaxSize(6);
    }

    /**
     * Every item's history starts at its card's last block of learning rows, its target is a review a day or more
     * after the one before, and every such review is a target once; a card that was never learned gives none. (The
     * items' order by target time is OptimizerEdgeProperties' rowsInAnyOrderGiveTheSameItemsInTargetOrder.)
     */
    @SeededProperty
    void itemsStartAtTheLastLearningBlockAndEveryLaterDayIsATarget(@ForAll("cards") List<List<Step>> cards) {
        List<Revlog.Row> rows = new ArrayList<>();
        int expected = 0;
        for (int c = 0; c < cards.size(); c++) {
            long at = 1_700_000_000_000L + c * 7_000L;
            List<Step> steps = cards.get(c);
            int from = -1;
            for (int i = steps.size() - 1; i >= 0; i--) {
                if (steps.get(i).learning()) {
                    from = i;
                } else if (from >= 0) {
                    break;
                }
            }
            long previousDay = 0;
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                at += step.minutes() * 60_000L;
                rows.add(new Revlog.Row("c" + c, at, step.rating(), step.learning() ? 1 : 2));
                long day = Math.floorDiv(at / 1000 - 4 * 3600, 86_400);
                if (from >= 0 && i > from && day > previousDay) {
                    expected++;
                }
                previousDay = day;
            }
        }

        List<TrainingItem> items = Revlog.items(rows, ZoneId.of("UTC"), 4);

        assertThat(items).hasSize(expected);
        assertThat(items).allSatisfy(item -> {
            assertThat(item.reviews().get(0).deltaT()).isZero();
            assertThat(item.target().deltaT()).isPositive();
        });
    }
}
