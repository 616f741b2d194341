package dev.recollect.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.recollect.cli.architecture.fixture.adapters.EntryPoint;
import dev.recollect.cli.architecture.fixture.adapters.PublicHelper;
import dev.recollect.cli.architecture.fixture.cli.app.Wiring;
import dev.recollect.cli.architecture.fixture.cli.jobs.ReachesPastTheUseCases;
import dev.recollect.cli.architecture.fixture.cli.jobs.UsesAUseCase;
import dev.recollect.cli.architecture.fixture.cycle.a.UsesB;
import dev.recollect.cli.architecture.fixture.domain.ImportsFileIo;
import dev.recollect.cli.architecture.fixture.domain.ImportsJackson;
import dev.recollect.cli.architecture.fixture.domain.ImportsJavaNet;
import dev.recollect.cli.architecture.fixture.domain.ImportsJavaSql;
import dev.recollect.cli.architecture.fixture.domain.ImportsJdbi;
import dev.recollect.cli.architecture.fixture.domain.ImportsNioFile;
import dev.recollect.cli.architecture.fixture.domain.ImportsOkHttp;
import dev.recollect.cli.architecture.fixture.domain.MakesUnseededRandom;
import dev.recollect.cli.architecture.fixture.domain.PureDomainClass;
import dev.recollect.cli.architecture.fixture.domain.ReadsCurrentTimeMillis;
import dev.recollect.cli.architecture.fixture.domain.ReadsTheClock;
import dev.recollect.cli.architecture.fixture.ports.KnowsOnlyTheDomain;
import dev.recollect.cli.architecture.fixture.ports.UsesAnAdapter;
import dev.recollect.cli.architecture.fixture.ports.UsesJdbi;
import dev.recollect.cli.architecture.fixture.ports.UsesMicrometer;
import dev.recollect.cli.architecture.fixture.ports.metrics.RecordsMetrics;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule rejects a class that breaks it and accepts one that obeys it. */
class ArchitectureRulesTest {
    private static final String FIXTURE = "dev.recollect.cli.architecture.fixture.";

    @ParameterizedTest
    @ValueSource(
            classes = {
                ImportsJdbi.class,
                ImportsOkHttp.class,
                ImportsJackson.class,
                ImportsJavaSql.class,
                ImportsJavaNet.class,
                ImportsNioFile.class,
                ImportsFileIo.class
            })
    void domainImportsNoInfrastructure_rejects(Class<?> violator) {
        assertThat(violates(ArchitectureRules.domainImportsNoInfrastructure(FIXTURE + "domain.."), violator))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(classes = {ReadsTheClock.class, ReadsCurrentTimeMillis.class, MakesUnseededRandom.class})
    void domainReadsNoClockOrEntropy_rejects(Class<?> violator) {
        assertThat(violates(ArchitectureRules.domainReadsNoClockOrEntropy(FIXTURE + "domain.."), violator))
                .isTrue();
    }

    @Test
    void domainRules_acceptAPureClass() {
        assertThat(violates(
                        ArchitectureRules.domainImportsNoInfrastructure(FIXTURE + "domain.."), PureDomainClass.class))
                .isFalse();
        assertThat(violates(ArchitectureRules.domainReadsNoClockOrEntropy(FIXTURE + "domain.."), PureDomainClass.class))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(classes = {UsesAnAdapter.class, UsesJdbi.class})
    void portsKnowNoAdapter_rejects(Class<?> violator) {
        assertThat(violates(portsRule(), violator)).isTrue();
    }

    @Test
    void portsKnowNoAdapter_acceptsAPortThatKnowsOnlyTheDomain() {
        assertThat(violates(portsRule(), KnowsOnlyTheDomain.class)).isFalse();
    }

    @Test
    void micrometerOnlyIn_rejectsMicrometerOutsideTheMetricsPackage() {
        ArchRule rule = ArchitectureRules.micrometerOnlyIn(FIXTURE + "ports..", FIXTURE + "ports.metrics..");
        assertThat(violates(rule, UsesMicrometer.class)).isTrue();
        assertThat(violates(rule, RecordsMetrics.class)).isFalse();
        assertThat(violates(rule, KnowsOnlyTheDomain.class)).isFalse();
    }

    @Test
    void onlyEntryPointsArePublic_rejectsAnotherPublicClass() {
        ArchRule rule =
                ArchitectureRules.onlyEntryPointsArePublic(FIXTURE + "adapters..", Set.of(EntryPoint.class.getName()));
        assertThat(violates(rule, PublicHelper.class)).isTrue();
        assertThat(violates(rule, EntryPoint.class)).isFalse();
        JavaClasses nested = new ClassFileImporter().importPackages("dev.recollect.cli.architecture.fixture.adapters");
        assertThat(rule.allowEmptyShould(true)
                        .evaluate(nested)
                        .getFailureReport()
                        .getDetails())
                .as("a public record nested in a package-private class is not API")
                .noneMatch(line -> line.contains("Hidden"));
    }

    @Test
    void freeOfCycles_rejectsTwoPackagesThatUseEachOther() {
        ArchRule rule = ArchitectureRules.freeOfCycles(FIXTURE + "cycle");
        JavaClasses cycle = new ClassFileImporter().importPackages(FIXTURE + "cycle");
        assertThat(rule.evaluate(cycle).hasViolation()).isTrue();
        JavaClasses half = new ClassFileImporter().importClasses(UsesB.class);
        assertThat(rule.allowEmptyShould(true).evaluate(half).hasViolation()).isFalse();
    }

    @Test
    void commandsUseOnlyUseCases_rejectsACommandThatReachesAnOutboundPort() {
        ArchRule rule = ArchitectureRules.commandsUseOnlyUseCases(
                FIXTURE + "cli..", FIXTURE + "cli.app..", "dev.recollect.ports.out..");
        assertThat(violates(rule, ReachesPastTheUseCases.class)).isTrue();
        assertThat(violates(rule, UsesAUseCase.class)).isFalse();
        assertThat(violates(rule, Wiring.class)).isFalse();
    }

    private static ArchRule portsRule() {
        return ArchitectureRules.portsKnowNoAdapter(FIXTURE + "ports..", FIXTURE + "adapters..");
    }

    private static boolean violates(ArchRule rule, Class<?> type) {
        JavaClasses classes = new ClassFileImporter().importClasses(type);
        return rule.allowEmptyShould(true).evaluate(classes).hasViolation();
    }
}
