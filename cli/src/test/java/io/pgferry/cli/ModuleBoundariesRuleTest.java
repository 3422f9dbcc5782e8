package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The boundary rule of {@link ModuleBoundariesTest} fails on a class that uses another module's internal type. */
class ModuleBoundariesRuleTest {
  /** Uses the orchestrator's clone planner, which is public only for the orchestrator's own packages. */
  static final class ReachesIn {
    Object planner() {
      return io.pgferry.orchestrator.clone.ClonePlanner.class;
    }
  }

  @Test
  void internalsUsedFromOutside_classUsingAnInternalType_fails() {
    JavaClasses violating = new ClassFileImporter().importClasses(ReachesIn.class,
        io.pgferry.orchestrator.clone.ClonePlanner.class);
    assertThatThrownBy(() -> ModuleBoundariesTest.internalsUsedFromOutside("orchestrator").check(violating))
        .isInstanceOf(AssertionError.class).hasMessageContaining("ClonePlanner");
  }
}
