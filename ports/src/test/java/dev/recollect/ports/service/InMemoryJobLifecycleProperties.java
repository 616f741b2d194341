package dev.recollect.ports.service;

import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.testing.InMemoryStores;
import dev.recollect.ports.testing.JobClaimProperties;
import dev.recollect.ports.testing.JobLifecycleProperties;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/** The job lifecycle's stateful property and the claims' property on the in-memory store. */
class InMemoryJobLifecycleProperties extends JobLifecycleProperties implements JobClaimProperties {
    private InMemoryStores stores;

    @Override
    public JobStore freshJobs() {
        stores = new InMemoryStores();
        return stores.jobs();
    }

    @Override
    protected List<GenerationJob> allJobs() {
        return stores.allJobs();
    }

    @SeededProperty
    void jobsKeepTheirRulesWhateverHappens(@ForAll("chains") ActionChain<World> chain) {
        check(chain);
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return chains(40);
    }
}
