package io.pgferry.cli;

import static org.assertj.core.api.Assertions.fail;

import io.pgferry.testkit.Tmux;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The wizard in a real 80x24 pseudo-terminal (tmux), as its tests drive it. Without tmux the tests are skipped,
 * unless {@code -Dpgferry.requireTmux=true} (CI sets it) makes that a failure.
 */
final class WizardScreens {
  static final Duration SCREEN = Duration.ofSeconds(30);
  static final Duration RUN = Duration.ofSeconds(120);

  private WizardScreens() {}

  static void assumeTmux() {
    if (!Tmux.available()) {
      if (Boolean.getBoolean("pgferry.requireTmux")) {
        fail("tmux is needed for the wizard's terminal tests: apt-get install tmux");
      }
      Assumptions.abort("tmux is not installed (apt-get install tmux); -Dpgferry.requireTmux=true makes this a failure");
    }
  }

  /** The screen's text without the window's frame, its lines joined by spaces: for text the screen wraps. */
  static String flat(String screen) {
    return screen.lines().map(l -> l.replaceAll("^[\u2502\u250c\u2514]|[\u2502\u2510\u2518]$", "").strip())
        .filter(l -> !l.isEmpty()).reduce((a, b) -> a + " " + b).orElse("");
  }

  /** Enter on the first three screens, with prefilled connections: a full copy's options screen. */
  static void toOptions(Tmux t) {
    t.await("1/8 what to do", SCREEN);
    t.keys("Enter");
    t.await("2/8 source", SCREEN);
    t.keys("Enter");
    t.await("3/8 target", SCREEN);
    t.keys("Enter");
    t.await("5/8 options", SCREEN);
  }

  /** {@code pgferry wizard ARGS} in a terminal of 80x24, in {@code dir} (where it writes its report and pipeline). */
  static Tmux start(Path dir, String... args) {
    List<String> a = new ArrayList<>(List.of("wizard"));
    a.addAll(List.of(args));
    return Tmux.start(dir, 80, 24, Tmux.java(Main.class.getName(), a));
  }
}
