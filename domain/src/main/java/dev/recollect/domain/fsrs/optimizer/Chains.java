package dev.recollect.domain.fsrs.optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Items grouped by card, for the passes that only predict (the loss that picks the best epoch, and evaluation). A
 * card's items are prefixes of its longest one, so one forward sweep over the longest predicts them all, with exactly
 * the float operations, in the same order, that a sweep per item performs: a card of {@code L} targets costs
 * {@code L} steps instead of about {@code L²/2}.
 *
 * <p>Items of one card share their review objects ({@link TrainingItem#targetsOf} cuts them from one history), so the
 * first review's identity proposes the groups; every member is checked to be a prefix of its chain's longest item, and
 * an item that is not gets a chain of its own, so grouping never changes a prediction.
 */
final class Chains {
    private final int[][] ratings;
    private final int[][] days;
    private final int[][] members;
    private final int[][] lengths;
    private final int longest;

    private Chains(List<int[]> chains, List<TrainingItem> items) {
        int count = chains.size();
        ratings = new int[count][];
        days = new int[count][];
        members = new int[count][];
        lengths = new int[count][];
        int max = 2;
        for (int c = 0; c < count; c++) {
            int[] chain = chains.get(c);
            TrainingItem head = items.get(chain[0]);
            ratings[c] = head.ratings();
            days[c] = head.days();
            members[c] = chain;
            lengths[c] = new int[chain.length];
            for (int m = 0; m < chain.length; m++) {
                lengths[c][m] = items.get(chain[m]).reviews().size();
            }
            max = Math.max(max, ratings[c].length);
        }
        longest = max;
    }

    /** The chains of {@code items}; predictions come back by index into {@code items}. */
    static Chains of(List<TrainingItem> items) {
        Map<TrainingReview, List<Integer>> byFirst = new IdentityHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            byFirst.computeIfAbsent(items.get(i).reviews().get(0), k -> new ArrayList<>())
                    .add(i);
        }
        List<int[]> chains = new ArrayList<>();
        for (List<Integer> group : byFirst.values()) {
            List<Integer> pending = new ArrayList<>(group);
            pending.sort(Comparator.comparingInt(
                            (Integer i) -> items.get(i).reviews().size())
                    .reversed());
            while (!pending.isEmpty()) {
                List<TrainingReview> head = items.get(pending.get(0)).reviews();
                List<Integer> chain = new ArrayList<>();
                List<Integer> rest = new ArrayList<>();
                for (int i : pending) {
                    (isPrefix(items.get(i).reviews(), head) ? chain : rest).add(i);
                }
                chains.add(chain.stream().mapToInt(Integer::intValue).toArray());
                pending = rest;
            }
        }
        return new Chains(chains, items);
    }

    private static boolean isPrefix(List<TrainingReview> prefix, List<TrainingReview> whole) {
        for (int k = 0; k < prefix.size(); k++) {
            if (prefix.get(k) != whole.get(k) && !prefix.get(k).equals(whole.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** The longest item's length, to size a recurrence. */
    int longest() {
        return longest;
    }

    /** Each item's recall as {@link Recurrence#predict} gives it (unclamped), into {@code out} by item index. */
    void predict(Recurrence recurrence, float[] w, float[] out) {
        float c = -w[20];
        float f = Recurrence.factor(c);
        for (int ch = 0; ch < members.length; ch++) {
            int[] r = ratings[ch];
            int[] d = days[ch];
            int steps = r.length - 1;
            float last = recurrence.forward(w, r, d, 0, steps);
            for (int m = 0; m < members[ch].length; m++) {
                int length = lengths[ch][m];
                float s = length - 1 == steps ? last : recurrence.stabilityAfter(length - 1);
                out[members[ch][m]] = Recurrence.retrievability(d[length - 1], s, c, f);
            }
        }
    }
}
