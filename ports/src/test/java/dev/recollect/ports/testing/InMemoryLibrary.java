package dev.recollect.ports.testing;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.InteractionId;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.fsrs.State;
import dev.recollect.domain.generation.ConceptScores;
import dev.recollect.domain.library.Concept;
import dev.recollect.domain.library.Lifecycle;
import dev.recollect.domain.library.Phrasing;
import dev.recollect.domain.review.Interaction;
import dev.recollect.domain.review.LearnerParameters;
import dev.recollect.domain.review.PastReview;
import dev.recollect.domain.review.RecordedReview;
import dev.recollect.domain.review.ReviewTarget;
import dev.recollect.domain.stats.DueSnapshot;
import dev.recollect.domain.stats.Reconciliation;
import dev.recollect.domain.stats.StatsDelta;
import dev.recollect.domain.stats.UserStats;
import dev.recollect.ports.out.ConceptStore;
import dev.recollect.ports.out.LearnerParameterStore;
import dev.recollect.ports.out.PhrasingStore;
import dev.recollect.ports.out.ReviewStore;
import dev.recollect.ports.out.UserStatsStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** Concepts, phrasings, interactions, counters and learners' weights in memory, guarded by the lock shared with the job store. */
final class InMemoryLibrary {
    private final Object lock;
    final Map<ConceptId, Concept> conceptMap = new LinkedHashMap<>();
    final Map<PhrasingId, Phrasing> phrasingMap = new LinkedHashMap<>();
    private final Map<InteractionId, Interaction> interactions = new LinkedHashMap<>();
    private final Map<UserId, UserStats> statsMap = new LinkedHashMap<>();
    private final Map<UserId, LearnerParameters> learnerMap = new LinkedHashMap<>();

    final ConceptStore concepts = new Concepts();
    final PhrasingStore phrasings = new Phrasings();
    final UserStatsStore stats = new Stats();
    final ReviewStore reviews = new Reviews();
    final LearnerParameterStore learners = new Learners();

    InMemoryLibrary(Object lock) {
        this.lock = lock;
    }

    private Stream<Concept> activeOf(UserId userId) {
        return conceptMap.values().stream().filter(c -> c.userId().equals(userId) && c.isActive());
    }

    private Stream<Phrasing> phrasingsOf(ConceptId conceptId) {
        return phrasingMap.values().stream().filter(p -> p.conceptId().equals(conceptId));
    }

    private final class Concepts implements ConceptStore {
        @Override
        public Set<String> existingTitleKeys(UserId userId, Collection<String> titleKeys) {
            synchronized (lock) {
                Set<String> wanted = new HashSet<>(titleKeys);
                Set<String> found = new HashSet<>();
                for (Concept concept : conceptMap.values()) {
                    String key = concept.titleKey();
                    if (concept.userId().equals(userId) && wanted.contains(key)) {
                        found.add(key);
                    }
                }
                return found;
            }
        }

        @Override
        public void insertAll(List<Concept> created, StatsDelta statsDelta, Instant now) {
            synchronized (lock) {
                for (Concept concept : created) {
                    if (conceptMap.containsKey(concept.id())) {
                        throw new IllegalStateException("concept " + concept.id() + " exists");
                    }
                }
                created.forEach(c -> conceptMap.put(c.id(), c));
                if (!created.isEmpty()) {
                    stats.apply(created.get(0).userId(), statsDelta, now);
                }
            }
        }

        @Override
        public Optional<Concept> find(ConceptId id) {
            synchronized (lock) {
                return Optional.ofNullable(conceptMap.get(id));
            }
        }

        @Override
        public List<Concept> findByJob(JobId jobId) {
            synchronized (lock) {
                return conceptMap.values().stream()
                        .filter(c -> jobId.equals(c.generationJobId()))
                        .toList();
            }
        }

        @Override
        public void updatePhrasingScores(
                ConceptId id, int phrasingCount, Integer thinScore, Integer conflictScore, Instant now) {
            synchronized (lock) {
                Concept concept = conceptMap.get(id);
                if (concept != null) {
                    conceptMap.put(id, concept.withPhrasingScores(phrasingCount, thinScore, conflictScore, now));
                }
            }
        }

        @Override
        public List<Concept> dueCandidates(UserId userId, Instant now, int limit) {
            synchronized (lock) {
                return activeOf(userId)
                        .filter(c -> c.phrasingCount() > 0 && !c.card().due().isAfter(now))
                        .sorted(Comparator.comparing((Concept c) -> c.card().due())
                                .thenComparing(Concept::id))
                        .limit(limit)
                        .toList();
            }
        }

        @Override
        public List<Concept> newCandidates(UserId userId, int limit) {
            synchronized (lock) {
                return activeOf(userId)
                        .filter(c -> c.phrasingCount() > 0 && c.card().state() == State.NEW)
                        .sorted(Comparator.comparing(Concept::createdAt).thenComparing(Concept::id))
                        .limit(limit)
                        .toList();
            }
        }

        @Override
        public DueSnapshot dueSnapshot(UserId userId, Instant now) {
            synchronized (lock) {
                int due = (int) activeOf(userId)
                        .filter(c -> !c.card().due().isAfter(now))
                        .count();
                Instant next = activeOf(userId)
                        .map(c -> c.card().due())
                        .filter(d -> d.isAfter(now))
                        .min(Comparator.naturalOrder())
                        .orElse(null);
                return new DueSnapshot(now, due, next);
            }
        }

        @Override
        public Optional<Concept> change(UserId userId, ConceptId id, Lifecycle change, Instant now) {
            synchronized (lock) {
                Concept before = conceptMap.get(id);
                if (before == null || !before.userId().equals(userId)) {
                    return Optional.empty();
                }
                Concept after = before.with(change, now);
                if (after != before) {
                    conceptMap.put(id, after);
                    stats.apply(userId, StatsDelta.between(before, after), now);
                }
                return Optional.of(after);
            }
        }
    }

    private final class Phrasings implements PhrasingStore {
        @Override
        public boolean insertIfAbsent(Phrasing phrasing) {
            synchronized (lock) {
                boolean duplicate = phrasingsOf(phrasing.conceptId())
                        .anyMatch(p -> p.questionKey().equals(phrasing.questionKey()));
                if (duplicate) {
                    return false;
                }
                phrasingMap.put(phrasing.id(), phrasing);
                return true;
            }
        }

        @Override
        public List<Phrasing> findByConcept(ConceptId conceptId) {
            synchronized (lock) {
                return phrasingsOf(conceptId).toList();
            }
        }

        @Override
        public void setEmbedding(PhrasingId id, float[] embedding, Instant now) {
            synchronized (lock) {
                Phrasing phrasing = phrasingMap.get(id);
                if (phrasing != null) {
                    phrasingMap.put(id, phrasing.withEmbedding(embedding));
                }
            }
        }

        @Override
        public Optional<Phrasing> find(PhrasingId id) {
            synchronized (lock) {
                return Optional.ofNullable(phrasingMap.get(id));
            }
        }

        @Override
        public Optional<Phrasing> change(UserId userId, PhrasingId id, Lifecycle change, Instant now) {
            synchronized (lock) {
                Phrasing before = phrasingMap.get(id);
                if (before == null || !before.userId().equals(userId)) {
                    return Optional.empty();
                }
                Phrasing after = before.with(change, now);
                if (after != before) {
                    phrasingMap.put(id, after);
                    rescore(after.conceptId(), now);
                }
                return Optional.of(after);
            }
        }

        private void rescore(ConceptId conceptId, Instant now) {
            List<String> active = phrasingsOf(conceptId)
                    .filter(Phrasing::isActive)
                    .map(Phrasing::question)
                    .toList();
            Concept concept = conceptMap.get(conceptId);
            conceptMap.put(
                    conceptId,
                    concept.withPhrasingScores(
                            active.size(),
                            boxed(ConceptScores.thinScore(active.size())),
                            boxed(ConceptScores.conflictScore(active)),
                            now));
        }

        private static Integer boxed(java.util.OptionalInt value) {
            return value.isPresent() ? value.getAsInt() : null;
        }
    }

    /** The interactions, in the order recorded; call with the lock held. */
    java.util.Collection<Interaction> interactionsView() {
        return interactions.values();
    }

    /** The counters by learner; call with the lock held. */
    Map<UserId, UserStats> statsView() {
        return statsMap;
    }

    private final class Stats implements UserStatsStore {
        @Override
        public UserStats get(UserId userId) {
            synchronized (lock) {
                return statsMap.getOrDefault(userId, UserStats.empty(userId));
            }
        }

        @Override
        public UserStats apply(UserId userId, StatsDelta delta, Instant now) {
            synchronized (lock) {
                UserStats next = get(userId).apply(delta, now);
                statsMap.put(userId, next);
                return next;
            }
        }

        @Override
        public Reconciliation reconcile(UserId userId, Instant now) {
            synchronized (lock) {
                UserStats before = get(userId);
                StatsDelta totals = activeOf(userId).map(StatsDelta::of).reduce(StatsDelta.NONE, StatsDelta::plus);
                UserStats after = UserStats.of(userId, totals, now);
                statsMap.put(userId, after);
                return new Reconciliation(before, after, concepts.dueSnapshot(userId, now));
            }
        }
    }

    private final class Reviews implements ReviewStore {
        @Override
        public Optional<RecordedReview> record(
                UserId userId,
                ConceptId conceptId,
                PhrasingId phrasingId,
                String sessionId,
                Function<ReviewTarget, Optional<RecordedReview>> decide) {
            synchronized (lock) {
                Concept concept = conceptMap.get(conceptId);
                Phrasing phrasing = phrasingMap.get(phrasingId);
                if (concept == null
                        || phrasing == null
                        || !concept.userId().equals(userId)
                        || !phrasing.userId().equals(userId)
                        || !phrasing.conceptId().equals(conceptId)
                        || !concept.isActive()
                        || !phrasing.isActive()) {
                    return Optional.empty();
                }
                boolean retry = sessionId != null
                        && interactions.values().stream()
                                .anyMatch(i -> i.userId().equals(userId)
                                        && i.phrasingId().equals(phrasingId)
                                        && sessionId.equals(i.sessionId()));
                Optional<RecordedReview> decided = decide.apply(new ReviewTarget(concept, phrasing, retry));
                if (decided.isEmpty()) {
                    return decided;
                }
                RecordedReview recorded = decided.get();
                conceptMap.put(conceptId, recorded.concept());
                phrasingMap.put(phrasingId, recorded.phrasing());
                interactions.put(recorded.interaction().id(), recorded.interaction());
                stats.apply(
                        userId, recorded.statsDelta(), recorded.interaction().attemptedAt());
                return Optional.of(recorded);
            }
        }

        @Override
        public List<Interaction> recentForPhrasing(PhrasingId phrasingId, int limit) {
            synchronized (lock) {
                return interactions.values().stream()
                        .filter(i -> i.phrasingId().equals(phrasingId))
                        .sorted(Comparator.comparing(Interaction::attemptedAt)
                                .reversed()
                                .thenComparing(Interaction::id, Comparator.reverseOrder()))
                        .limit(limit)
                        .toList();
            }
        }

        @Override
        public List<PastReview> history(UserId userId) {
            synchronized (lock) {
                // Answers at the same instant by id, as PostgreSQL orders uuids.
                return interactions.values().stream()
                        .filter(i -> i.userId().equals(userId))
                        .sorted(Comparator.comparing(Interaction::attemptedAt).thenComparing(Interaction::id))
                        .map(Interaction::past)
                        .toList();
            }
        }
    }

    private final class Learners implements LearnerParameterStore {
        @Override
        public Optional<LearnerParameters> find(UserId userId) {
            synchronized (lock) {
                return Optional.ofNullable(learnerMap.get(userId));
            }
        }

        @Override
        public void save(LearnerParameters parameters) {
            synchronized (lock) {
                learnerMap.put(parameters.userId(), parameters);
            }
        }

        @Override
        public boolean delete(UserId userId) {
            synchronized (lock) {
                return learnerMap.remove(userId) != null;
            }
        }
    }

    @Override
    public String toString() {
        return "InMemoryLibrary[" + conceptMap.size() + " concepts, " + phrasingMap.size() + " phrasings]";
    }
}
