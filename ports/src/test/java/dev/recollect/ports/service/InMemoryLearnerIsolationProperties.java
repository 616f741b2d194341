package dev.recollect.ports.service;

import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.LearnerIsolationProperties;
import net.jqwik.api.ForAll;
import net.jqwik.api.state.ActionChain;

/** Learner isolation on the in-memory stores, a fresh set per chain. */
class InMemoryLearnerIsolationProperties extends LearnerIsolationProperties {
    private InMemoryStores current;

    @Override
    protected Persistence persistence() {
        current = new InMemoryStores();
        return current;
    }

    @Override
    protected Object snapshot() {
        return current.everything();
    }

    @SeededProperty
    void eachLearnerSeesAndChangesOnlyTheirOwn(@ForAll("chains") ActionChain<World> chain) {
        check(chain);
    }
}
