package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.failure.ProviderFailure;
import dev.recollect.domain.testing.SeededProperty;
import dev.recollect.ports.in.CheckHealth;
import dev.recollect.ports.in.CheckHealth.Check;
import dev.recollect.ports.in.CheckHealth.Status;
import dev.recollect.ports.out.ConceptSynthesizer;
import dev.recollect.ports.out.Embedder;
import dev.recollect.ports.out.JobReports;
import dev.recollect.ports.out.LanguageModels;
import dev.recollect.ports.out.Persistence;
import dev.recollect.ports.out.PhrasingGenerator;
import dev.recollect.ports.out.StoreUnavailableException;
import dev.recollect.ports.testing.PipelineHarness;
import dev.recollect.ports.testing.Proxies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;

/**
 * The health checks for any mix of a store that does not answer, a schema behind, reports that fail and a model
 * that is missing, failing or cannot be checked: a check that fails skips the checks that need what it checked, a
 * report that fails fails its own check only, and the deployment is healthy exactly when no check failed.
 */
class HealthChecksProperties {
    /** What the deployment has for a model. */
    enum Model {
        NONE,
        ANSWERING,
        FAILING,
        WITHOUT_EMBEDDER
    }

    @SeededProperty
    void eachCheckPassesFailsOrIsSkippedForWhatItNeeds(
            @ForAll boolean storeDown,
            @ForAll boolean schemaBehind,
            @ForAll boolean reportsFail,
            @ForAll boolean modelAsked,
            @ForAll Model model) {
        PipelineHarness h = new PipelineHarness();
        JobReports broken = Proxies.around(JobReports.class, h.stores.jobReports(), call -> {
            throw new IllegalStateException("index corrupt");
        });
        Persistence persistence = Proxies.around(Persistence.class, h.stores, call -> {
            if (storeDown) {
                throw new StoreUnavailableException("connection refused", new IllegalStateException("down"));
            }
            return switch (call.name()) {
                case "schema" -> schemaBehind ? new Persistence.Schema("9", 2) : call.proceed();
                case "jobReports" -> reportsFail ? broken : call.proceed();
                default -> call.proceed();
            };
        });
        if (model == Model.FAILING) {
            h.llm.embeddingsFail(new ProviderFailure.Unreachable("overloaded"));
        }
        Optional<LanguageModels> models =
                switch (model) {
                    case NONE -> Optional.empty();
                    case ANSWERING, FAILING -> Optional.of(h.llm);
                    case WITHOUT_EMBEDDER -> Optional.of(wordsOnly(h));
                };

        CheckHealth.Health health =
                new HealthChecks(persistence, models, h.clock).check(new CheckHealth.Query(modelAsked));

        List<Check> expected = new ArrayList<>();
        expected.add(
                storeDown
                        ? new Check("database", Status.FAIL, "the store does not answer: connection refused")
                        : new Check("database", Status.OK, "the store answers"));
        if (storeDown) {
            expected.add(new Check("schema", Status.SKIP, "the store does not answer"));
        } else if (schemaBehind) {
            expected.add(new Check(
                    "schema",
                    Status.FAIL,
                    "version 9, 2 migrations pending: migrate the schema (`recollect db migrate`)"));
        } else {
            expected.add(new Check("schema", Status.OK, "version in-memory"));
        }
        for (String jobCheck : List.of("stuck-jobs", "workers")) {
            if (storeDown) {
                expected.add(new Check(jobCheck, Status.SKIP, "the store does not answer"));
            } else if (schemaBehind) {
                expected.add(new Check(jobCheck, Status.SKIP, "the schema is not current"));
            } else if (reportsFail) {
                expected.add(new Check(jobCheck, Status.FAIL, "index corrupt"));
            } else if (jobCheck.equals("workers")) {
                expected.add(new Check(jobCheck, Status.OK, "no job waiting; a worker last finished a job: never"));
            } else {
                expected.add(null);
            }
        }
        if (modelAsked) {
            expected.add(
                    switch (model) {
                        case NONE -> new Check("model", Status.FAIL, "no model is configured");
                        case ANSWERING -> new Check(
                                "model", Status.OK, "scripted model scripted-model answered (3 dimensions)");
                        case FAILING -> null;
                        case WITHOUT_EMBEDDER -> new Check(
                                "model", Status.SKIP, "words only has no cheap call to check it with");
                    });
        }
        assertThat(health.checks()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Check check = health.checks().get(i);
            if (expected.get(i) != null) {
                assertThat(check).isEqualTo(expected.get(i));
            } else if (check.name().equals("model")) {
                assertThat(check.status()).isEqualTo(Status.FAIL);
            } else {
                assertThat(check.status()).as(check.name()).isEqualTo(Status.OK);
            }
        }
        assertThat(health.ok()).isEqualTo(health.checks().stream().noneMatch(c -> c.status() == Status.FAIL));
        assertThat(health.ok())
                .isEqualTo(!storeDown
                        && !schemaBehind
                        && !reportsFail
                        && !(modelAsked && (model == Model.NONE || model == Model.FAILING)));
    }

    /** The scripted LLM without its embedder: nothing cheap to check it with. */
    private static LanguageModels wordsOnly(PipelineHarness h) {
        return new LanguageModels() {
            @Override
            public ConceptSynthesizer conceptSynthesizer() {
                return h.llm;
            }

            @Override
            public PhrasingGenerator phrasingGenerator() {
                return h.llm;
            }

            @Override
            public Optional<Embedder> embedder() {
                return Optional.empty();
            }

            @Override
            public String description() {
                return "words only";
            }
        };
    }
}
