package io.vruksha.retail.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code retail-core} embeddable: its rule packages see only the JDK, slf4j and the engine's
 * own packages; only the in-memory adapters may add Caffeine.
 */
class CoreArchitectureTest {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vruksha.retail");
  }

  @Test
  void rulePackagesImportOnlyTheJdkAndSlf4j() {
    classes()
        .that()
        .resideInAPackage("io.vruksha.retail..")
        .and()
        .resideOutsideOfPackage("io.vruksha.retail.memory..")
        .should()
        .onlyDependOnClassesThat()
        // javax.crypto is the JDK's own (webhook signatures), present in every JVM
        .resideInAnyPackage(
            "java..", "javax.annotation..", "javax.crypto..", "org.slf4j..", "io.vruksha.retail..")
        .because("the rules must run in any JVM a till vendor ships, with no framework")
        .check(core);
  }

  @Test
  void inMemoryAdaptersAddAtMostCaffeine() {
    classes()
        .that()
        .resideInAPackage("io.vruksha.retail.memory..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "org.slf4j..", "com.github.benmanes.caffeine..", "io.vruksha.retail..")
        .check(core);
  }

  @Test
  void noRulePackageDependsOnTheAdapters() {
    noClasses()
        .that()
        .resideInAPackage("io.vruksha.retail..")
        .and()
        .resideOutsideOfPackages("io.vruksha.retail.memory..", "io.vruksha.retail.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.vruksha.retail.memory..")
        .because("rules talk to ports; the engine builder wires adapters in")
        .check(core);
  }

  @Test
  void noDoubleOrFloatInMoneyBearingPackages() {
    classes()
        .that()
        .resideInAnyPackage(
            "io.vruksha.retail.money..",
            "io.vruksha.retail.pricing..",
            "io.vruksha.retail.promotion..",
            "io.vruksha.retail.report..",
            "io.vruksha.retail.tax..")
        .should(neverTouchBinaryFloatingPoint())
        .because("amounts must be exact")
        .check(core);
  }

  @Test
  void noTextIsFormattedInTheDefaultLocale() {
    // String.format(String, ...) and String.formatted write the default locale's digits (Thai,
    // Arabic-Indic, ...): document numbers and stored text must not depend on where the JVM runs
    noClasses()
        .that()
        .resideInAPackage("io.vruksha.retail..")
        .should()
        .callMethod(String.class, "format", String.class, Object[].class)
        .orShould()
        .callMethod(String.class, "formatted", Object[].class)
        .because("numbers the engine writes are ASCII whatever the default locale")
        .check(core);
  }

  /** Fields, parameters, return types and BigDecimal conversions that involve double or float. */
  private static ArchCondition<JavaClass> neverTouchBinaryFloatingPoint() {
    Set<String> floating = Set.of("double", "float", "java.lang.Double", "java.lang.Float");
    return new ArchCondition<>("never use double or float") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (JavaField field : item.getFields()) {
          if (floating.contains(field.getRawType().getName())) {
            events.add(SimpleConditionEvent.violated(item, field.getFullName() + " is floating"));
          }
        }
        for (JavaCodeUnit unit : item.getCodeUnits()) {
          boolean bad =
              floating.contains(unit.getRawReturnType().getName())
                  || unit.getRawParameterTypes().stream()
                      .anyMatch(t -> floating.contains(t.getName()));
          if (bad) {
            events.add(SimpleConditionEvent.violated(item, unit.getFullName() + " is floating"));
          }
          for (JavaCall<?> call : unit.getCallsFromSelf()) {
            var target = call.getTarget();
            boolean conversion =
                target.getRawParameterTypes().stream().anyMatch(t -> floating.contains(t.getName()))
                    || floating.contains(target.getRawReturnType().getName());
            if (conversion) {
              events.add(SimpleConditionEvent.violated(item, call.getDescription()));
            }
          }
        }
      }
    };
  }
}
