package dev.recollect.domain.fsrs.optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fsrs-rs's outlier filter ({@code prepare_training_data}): among the items whose target is their first review a day
 * or more after the one before, the (first rating, interval) pairs too rare or too far out are dropped, with every
 * item sharing them. What is left splits into the items pretraining fits and the items training replays.
 *
 * @param initSet the items that fit the initial stabilities, in the filter's walk order
 * @param trainSet every item whose pair survived, in input order
 */
record OutlierFilter(List<TrainingItem> initSet, List<TrainingItem> trainSet) {

    /** The pair an item is grouped by: its first rating and the interval before its first long-term review. */
    private record Pair(int rating, int days) {}

    static OutlierFilter apply(List<TrainingItem> items) {
        Map<Integer, Map<Integer, List<TrainingItem>>> byRating = new LinkedHashMap<>();
        for (TrainingItem item : items) {
            if (item.longTermReviewCount() == 1) {
                byRating.computeIfAbsent(item.reviews().get(0).rating(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(item.target().deltaT(), k -> new ArrayList<>())
                        .add(item);
            }
        }
        Set<Pair> removed = new HashSet<>();
        List<TrainingItem> initSet = new ArrayList<>();
        for (int rating = 1; rating <= 4; rating++) {
            Map<Integer, List<TrainingItem>> groups = byRating.get(rating);
            if (groups == null) {
                continue;
            }
            int total = groups.values().stream().mapToInt(List::size).sum();
            int threshold = Math.max(20, total / 20);
            int maxDays = rating == 4 ? 365 : 100;
            List<Map.Entry<Integer, List<TrainingItem>>> walk = new ArrayList<>(groups.entrySet());
            walk.sort(Comparator.comparingInt((Map.Entry<Integer, List<TrainingItem>> e) ->
                            e.getValue().size())
                    .thenComparingInt(Map.Entry::getKey));
            int dropped = 0;
            for (Map.Entry<Integer, List<TrainingItem>> group : walk) {
                int size = group.getValue().size();
                Pair pair = new Pair(rating, group.getKey());
                if (dropped + size < threshold) {
                    removed.add(pair);
                    dropped += size;
                } else if (size >= 6 && group.getKey() <= maxDays) {
                    initSet.addAll(group.getValue());
                } else {
                    removed.add(pair);
                }
            }
        }
        List<TrainingItem> trainSet = new ArrayList<>();
        for (TrainingItem item : items) {
            if (!removed.contains(new Pair(
                    item.reviews().get(0).rating(), item.firstLongTermReview().deltaT()))) {
                trainSet.add(item);
            }
        }
        return new OutlierFilter(List.copyOf(initSet), List.copyOf(trainSet));
    }
}
