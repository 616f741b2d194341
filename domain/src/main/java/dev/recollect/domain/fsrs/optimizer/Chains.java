package dev.recollect.domain.fsrs.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
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

    private Chains(List<int[]> chains, List<TrainingItem> items) {
        int count = chains.size();
        ratings = new int[count][];
        days = new int[count][];
        members = new int[count][];
        lengths = new int[count][];
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
        }
    }

    /** The chains of {@code items}; predictions come back by index into {@code items}. */
    static Chains of(List<TrainingItem> items) {
        // Items bucketed by their first review object, without boxing an index per item: a count per group, then
        // each group's items longest first.
        Map<TrainingReview, Integer> groups = new IdentityHashMap<>();
        int[] group = new int[items.size()];
        int[] sizes = new int[Math.max(1, items.size())];
        for (int i = 0; i < items.size(); i++) {
            Integer known = groups.putIfAbsent(items.get(i).reviews().get(0), groups.size());
            group[i] = known != null ? known : groups.size() - 1;
            sizes[group[i]]++;
        }
        int[] starts = new int[groups.size() + 1];
        for (int g = 0; g < groups.size(); g++) {
            starts[g + 1] = starts[g] + sizes[g];
        }
        int[] filled = starts.clone();
        int[] byGroup = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            byGroup[filled[group[i]]++] = i;
        }
        List<int[]> chains = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int[] pending = longestFirst(items, Arrays.copyOfRange(byGroup, starts[g], starts[g + 1]));
            while (pending.length > 0) {
                List<TrainingReview> head = items.get(pending[0]).reviews();
                int[] chain = new int[pending.length];
                int[] rest = new int[pending.length];
                int inChain = 0;
                int left = 0;
                for (int i : pending) {
                    if (isPrefix(items.get(i).reviews(), head)) {
                        chain[inChain++] = i;
                    } else {
                        rest[left++] = i;
                    }
                }
                chains.add(Arrays.copyOf(chain, inChain));
                pending = Arrays.copyOf(rest, left);
            }
        }
        return new Chains(chains, items);
    }

    /** {@code indices} sorted by their item's length, longest first (insertion sort: a card has few items). */
    private static int[] longestFirst(List<TrainingItem> items, int[] indices) {
        for (int i = 1; i < indices.length; i++) {
            int index = indices[i];
            int length = items.get(index).reviews().size();
            int j = i - 1;
            while (j >= 0 && items.get(indices[j]).reviews().size() < length) {
                indices[j + 1] = indices[j];
                j--;
            }
            indices[j + 1] = index;
        }
        return indices;
    }

    private static boolean isPrefix(List<TrainingReview> prefix, List<TrainingReview> whole) {
        for (int k = 0; k < prefix.size(); k++) {
            if (!prefix.get(k).equals(whole.get(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each item's recall, unclamped, as fsrs-rs's inference predicts it (the curve at the target's interval, from the
     * stability its history leaves), into {@code out} by item index.
     */
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
