package dev.recollect.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The architecture, as rules over packages. Each rule takes the package it governs so that {@code
 * ArchitectureRulesTest} can show it rejecting a fixture class that breaks it.
 */
final class ArchitectureRules {
    private static final Set<Class<?>> FILE_IO = Set.of(
            File.class,
            FileDescriptor.class,
            FileInputStream.class,
            FileOutputStream.class,
            FileReader.class,
            FileWriter.class,
            RandomAccessFile.class);

    private ArchitectureRules() {}

    /** The domain imports no database, HTTP, JSON, network, file-system or file I/O types. */
    static ArchRule domainImportsNoInfrastructure(String domainPackage) {
        return noClasses()
                .that()
                .resideInAPackage(domainPackage)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.jdbi..",
                        "okhttp3..",
                        "com.fasterxml..",
                        "java.sql..",
                        "java.net..",
                        "java.nio.file..",
                        "javax.sql..")
                .orShould()
                .dependOnClassesThat(fileIo())
                .because("the domain is pure: adapters do I/O");
    }

    /** The domain never reads the clock or unseeded entropy; both are injected. */
    static ArchRule domainReadsNoClockOrEntropy(String domainPackage) {
        return noClasses()
                .that()
                .resideInAPackage(domainPackage)
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .orShould()
                .callConstructor(Random.class)
                .orShould()
                .callConstructor(SecureRandom.class)
                .orShould()
                .callMethod(Math.class, "random")
                .orShould()
                .callMethod(ThreadLocalRandom.class, "current")
                .orShould()
                .callMethod(UUID.class, "randomUUID")
                .because("time and randomness are injected so that the domain is deterministic");
    }

    /** The application layer knows no adapter and no infrastructure library. */
    static ArchRule portsKnowNoAdapter(String portsPackage, String... adapterPackages) {
        return noClasses()
                .that()
                .resideInAPackage(portsPackage)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(adapterPackages)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jdbi..", "okhttp3..", "com.fasterxml..", "java.sql..", "picocli..")
                .because("dependencies point inward");
    }

    /**
     * Within {@code portsPackage}, only {@code metricsPackage} uses Micrometer: it is an optional dependency, which a
     * service that passes no registry must never need.
     */
    static ArchRule micrometerOnlyIn(String portsPackage, String metricsPackage) {
        return noClasses()
                .that()
                .resideInAPackage(portsPackage)
                .and()
                .resideOutsideOfPackage(metricsPackage)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.micrometer..")
                .because("Micrometer is optional: only the metrics package may load it");
    }

    /** An adapter package publishes only its entry points; everything else is package-private. */
    static ArchRule onlyEntryPointsArePublic(String adapterPackage, Set<String> entryPoints) {
        return classes()
                .that()
                .resideInAPackage(adapterPackage)
                .and()
                .arePublic()
                .should(new com.tngtech.archunit.lang.ArchCondition<JavaClass>("be a published entry point") {
                    @Override
                    public void check(JavaClass item, com.tngtech.archunit.lang.ConditionEvents events) {
                        if (!entryPoints.contains(item.getName()) && effectivelyPublic(item)) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                    item, item.getName() + " is public but not an entry point of " + adapterPackage));
                        }
                    }
                });
    }

    /** No two packages under {@code rootPackage} depend on each other, however indirectly: each package is a slice. */
    static ArchRule freeOfCycles(String rootPackage) {
        return SlicesRuleDefinition.slices()
                .assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass type) {
                        return type.getPackageName().startsWith(rootPackage)
                                ? SliceIdentifier.of(type.getPackageName())
                                : SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "the packages of " + rootPackage;
                    }
                })
                .should()
                .beFreeOfCycles()
                .because("a package cycle makes the packages one unit that cannot be understood or changed apart");
    }

    /**
     * The commands under {@code cliPackage} talk to the inbound use cases only: the outbound ports and the services
     * behind the use cases ({@code hiddenPackages}) are the business of the wiring package, {@code wiringPackage},
     * which connects them to their adapters.
     */
    static ArchRule commandsUseOnlyUseCases(String cliPackage, String wiringPackage, String... hiddenPackages) {
        return noClasses()
                .that()
                .resideInAPackage(cliPackage)
                .and()
                .resideOutsideOfPackage(wiringPackage)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(hiddenPackages)
                .because("the CLI is the use cases' first client, like any service that embeds Recollect");
    }

    /** Public, and so is every class it is nested in: a public member of a package-private class is not API. */
    private static boolean effectivelyPublic(JavaClass type) {
        for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (!c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static DescribedPredicate<JavaClass> fileIo() {
        return DescribedPredicate.describe(
                "file I/O classes of java.io", c -> FILE_IO.stream().anyMatch(io -> c.isEquivalentTo(io)));
    }
}
