package dev.recollect.cli.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recollect's own production classes obey the architecture. */
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Sibling modules arrive as jars in a reactor build; their test kits must not count as production.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.recollect");

    @Test
    void domainImportsNoInfrastructure() {
        ArchitectureRules.domainImportsNoInfrastructure("dev.recollect.domain..")
                .check(PRODUCTION);
    }

    @Test
    void domainReadsNoClockOrEntropy() {
        ArchitectureRules.domainReadsNoClockOrEntropy("dev.recollect.domain..").check(PRODUCTION);
    }

    @Test
    void portsKnowNoAdapter() {
        ArchitectureRules.portsKnowNoAdapter("dev.recollect.ports..", "dev.recollect.adapters..", "dev.recollect.cli..")
                .check(PRODUCTION);
    }

    @Test
    void micrometerOnlyInTheMetricsPackage() {
        ArchitectureRules.micrometerOnlyIn("dev.recollect.ports..", "dev.recollect.ports.metrics..")
                .check(PRODUCTION);
    }

    @Test
    void theCommandsUseOnlyTheUseCases() {
        ArchitectureRules.commandsUseOnlyUseCases(
                        "dev.recollect.cli..",
                        "dev.recollect.cli.app..",
                        "dev.recollect.ports.out..",
                        "dev.recollect.ports.service..")
                .check(PRODUCTION);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dev.recollect.domain",
                "dev.recollect.ports",
                "dev.recollect.adapters.jdbi",
                "dev.recollect.adapters.gemini",
                "dev.recollect.cli"
            })
    void everyModuleIsFreeOfPackageCycles(String rootPackage) {
        ArchitectureRules.freeOfCycles(rootPackage).check(PRODUCTION);
    }

    @Test
    void theJdbiAdapterPublishesOnlyItsEntryPoints() {
        ArchitectureRules.onlyEntryPointsArePublic(
                        "dev.recollect.adapters.jdbi..",
                        Set.of(
                                "dev.recollect.adapters.jdbi.JdbiPersistence",
                                "dev.recollect.adapters.jdbi.JdbiPersistence$SchemaInfo",
                                "dev.recollect.adapters.jdbi.PersistenceException",
                                "dev.recollect.adapters.jdbi.server.LocalPostgres",
                                "dev.recollect.adapters.jdbi.server.LocalPostgres$Options",
                                "dev.recollect.adapters.jdbi.server.LocalPostgresException",
                                "dev.recollect.adapters.jdbi.server.BinarySource",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$Attachment",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$Location",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$Role",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$Server",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$Settings",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$Status",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$StopOutcome",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$StopOutcome$NotRunning",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$StopOutcome$Refused",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$StopOutcome$Stopped",
                                "dev.recollect.adapters.jdbi.server.SharedPostgres$User"))
                .allowEmptyShould(true)
                .check(PRODUCTION);
    }

    @Test
    void theGeminiAdapterPublishesOnlyItsEntryPoint() {
        ArchitectureRules.onlyEntryPointsArePublic(
                        "dev.recollect.adapters.gemini..",
                        Set.of(
                                "dev.recollect.adapters.gemini.GeminiModels",
                                "dev.recollect.adapters.gemini.GeminiModels$Config",
                                "dev.recollect.adapters.gemini.GeminiModels$Config$Builder"))
                .allowEmptyShould(true)
                .check(PRODUCTION);
    }
}
