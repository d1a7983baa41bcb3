package org.hosthog.launcher.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md, checked on the compiled classes of every module. */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(
                location ->
                    !location.contains("-tests.jar")) // sync-caldav's Radicale fixture for the ITs
            .importPackages("org.hosthog");
  }

  @Test
  void theApiDependsOnNothingButTheJdk() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("org.hosthog.api..")
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages("org.hosthog.api..", "java..");
    rule.check(classes);
  }

  /**
   * A reader of the SPI package sees only what a provider implements or receives: interfaces and
   * records. Helpers a provider may use live in {@code org.hosthog.api.support}.
   */
  /** Contracts and the values they pass (records, enums such as {@code Vouch}); no helpers. */
  @Test
  void theSpiPackageHoldsContractsOnly() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
        .that()
        .resideInAPackage("org.hosthog.api.spi")
        .and()
        .areTopLevelClasses()
        .should()
        .beInterfaces()
        .orShould()
        .beAssignableTo(Record.class)
        .orShould()
        .beEnums()
        .check(classes);
  }

  @Test
  void theCoreDependsOnTheApiAndNoOtherHosthogModule() {
    noClasses()
        .that()
        .resideInAPackage("org.hosthog.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.hosthog.store..",
            "org.hosthog.notify..",
            "org.hosthog.sync..",
            "org.hosthog.server..",
            "org.hosthog.launcher..",
            "org.hosthog.tck..")
        .check(classes);
  }

  /** Hosts never need the state server's jars: nothing but the server itself uses them. */
  @Test
  void nothingButTheServerDependsOnTheServer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.hosthog.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.hosthog.server..")
        .check(classes);
  }

  /** Backends use the api (and the api-only text module), never the core. */
  @Test
  void backendsDependOnTheApiOnlyNeverOnEachOtherOrTheLauncher() {
    for (String backend :
        new String[] {"org.hosthog.store..", "org.hosthog.notify..", "org.hosthog.sync.."}) {
      noClasses()
          .that()
          .resideInAPackage(backend)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.hosthog.launcher..", "org.hosthog.tck..")
          .allowEmptyShould(true)
          .check(classes);
    }
    noClasses()
        .that()
        .resideInAnyPackage("org.hosthog.store..", "org.hosthog.notify..", "org.hosthog.sync..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.hosthog.core..")
        .check(classes);
    slices()
        .matching("org.hosthog.(store|notify|sync).(*)..")
        .should()
        .notDependOnEachOther()
        .allowEmptyShould(true)
        .check(classes);
  }

  /**
   * The state server shares the wire and the config reading with hosts, never the daemon's core: it
   * runs where no host daemon does, and a change to the core cannot break it.
   */
  @Test
  void theServerDoesNotDependOnTheCore() {
    noClasses()
        .that()
        .resideInAPackage("org.hosthog.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.hosthog.core..")
        .check(classes);
  }

  /** The config reader is shared by core and server: it depends on the api alone. */
  @Test
  void theConfigReaderDependsOnTheApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("org.hosthog.config..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "org.hosthog.config..", "org.hosthog.api..", "org.tomlj..", "java..")
        .check(classes);
  }

  @Test
  void nothingDependsOnTheLauncher() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.hosthog.launcher..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.hosthog.launcher..")
        .check(classes);
  }

  @Test
  void theLauncherFindsBackendsThroughServiceLoaderNeverByName() {
    noClasses()
        .that()
        .resideInAnyPackage("org.hosthog.launcher..", "org.hosthog.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.hosthog.store..", "org.hosthog.notify..", "org.hosthog.sync..")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.hosthog.(**)").should().beFreeOfCycles().check(classes);
  }

  /** The launcher, and the server's own command line ({@code hosthog server ...}). */
  @Test
  void onlyTheCommandLinesWriteToStdoutOrStderr() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.hosthog.launcher..")
        .and()
        .doNotHaveFullyQualifiedName("org.hosthog.server.ServerMain")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .check(classes);
  }

  @Test
  void noGenericExceptionsAreThrown() {
    GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
  }

  /** Everything logs through System.Logger; the two command lines configure the JDK's logging. */
  @Test
  void theCoreLogsThroughSystemLoggerOnly() {
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(
        classes.that(
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage(
                    "org.hosthog.launcher..")
                .and(
                    com.tngtech.archunit.base.DescribedPredicate.not(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.name(
                            "org.hosthog.server.ServerMain")))));
  }
}
