package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import io.pgferry.testkit.Tmux;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection that fails its test shows the CLI's own message, and Next stays on the screen until one passes. */
class WizardConnectionCheckTest {
  @BeforeAll
  static void tmux() {
    WizardScreens.assumeTmux();
  }

  @Test
  void wizard_targetDatabaseMissing_showsTheCliMessageAndBlocksNext(@TempDir Path dir) throws Exception {
    try (TestDatabase shop = Cli.shop("wz_conn_src")) {
      String missing = "postgresql://postgres@127.0.0.1:" + PostgresServers.target().port() + "/no_such_db";
      String cli = Cli.run(dir, "clone", "-s", shop.url(), "-t", missing).error();
      try (Tmux t = WizardScreens.start(dir, "-s", shop.url(), "-t", missing)) {
        t.await("1/8 what to do", WizardScreens.SCREEN);
        t.keys("Enter");
        t.await("2/8 source", WizardScreens.SCREEN);
        String tested = t.keys("t").await("\u2713 connected: PostgreSQL", WizardScreens.SCREEN); // test, staying on the screen
        assertThat(tested).contains("database size").contains("2/8 source");
        t.keys("Enter"); // Next
        t.await("3/8 target", WizardScreens.SCREEN);
        t.keys("Enter");
        String failed = t.await("SQLSTATE", WizardScreens.SCREEN);
        assertThat(failed).contains("3/8 target");
        assertThat(WizardScreens.flat(failed)).contains(cli.substring(0, Math.min(cli.length(), 40)));
        t.keys("Enter"); // Next again: still blocked
        Thread.sleep(1000);
        assertThat(t.screen()).contains("3/8 target").doesNotContain("5/8 options");
        t.keys("Escape");
        t.await("2/8 source", WizardScreens.SCREEN);
      }
    }
  }
}
