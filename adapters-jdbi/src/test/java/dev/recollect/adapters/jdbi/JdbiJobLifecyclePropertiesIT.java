package dev.recollect.adapters.jdbi;

import dev.recollect.adapters.jdbi.testing.ClassDatabase;
import dev.recollect.domain.JobId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.out.JobStore;
import dev.recollect.ports.testing.JobClaimProperties;
import dev.recollect.ports.testing.JobLifecycleProperties;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.ActionChain;

/**
 * The job lifecycle's stateful property and the claims' property on PostgreSQL: the in-memory chains, fewer and
 * shorter, and fewer tries, each on emptied job tables (cleanup and claims see every job in the store, so a try must
 * be alone in it).
 */
@PropertyDefaults(tries = 25)
class JdbiJobLifecyclePropertiesIT extends JobLifecycleProperties implements JobClaimProperties {
    private static final ClassDatabase DATABASE = new ClassDatabase(JdbiJobLifecyclePropertiesIT.class);

    @AfterContainer
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Override
    public JobStore freshJobs() {
        JdbiPersistence stores = DATABASE.persistence();
        sql("TRUNCATE generation_jobs, job_token_usage, rate_limit_events");
        return stores.jobs();
    }

    @Override
    protected List<GenerationJob> allJobs() {
        List<GenerationJob> jobs = new ArrayList<>();
        try (Connection c = DATABASE.get().connect();
                Statement s = c.createStatement();
                ResultSet ids = s.executeQuery("SELECT id FROM generation_jobs")) {
            while (ids.next()) {
                jobs.add(DATABASE.persistence()
                        .jobs()
                        .find(new JobId(ids.getObject(1, UUID.class)))
                        .orElseThrow());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return jobs;
    }

    private static void sql(String statement) {
        try (Connection c = DATABASE.get().connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    @Property(tries = 15, seed = SeededProperty.SEED)
    void jobsKeepTheirRulesWhateverHappens(@ForAll("shortChains") ActionChain<World> chain) {
        check(chain);
    }

    @Provide
    Arbitrary<ActionChain<World>> shortChains() {
        return chains(20);
    }
}
