package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import io.pgferry.testkit.Tmux;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subset mode: a start table and its start rows picked on the tables screen, previewed, and copied. */
class WizardSubsetScreenTest {
  @BeforeAll
  static void tmux() {
    WizardScreens.assumeTmux();
  }

  @Test
  void wizard_subsetStartRowsTypedAndPreviewed_copiesTheSlice(@TempDir Path dir) throws Exception {
    try (TestDatabase shop = Cli.shop("wz_subs_src"); TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_subs_dst");
        Tmux t = WizardScreens.start(dir, "-s", shop.url(), "-t", target.url())) {
      t.await("1/8 what to do", WizardScreens.SCREEN);
      t.keys("Down", "Down", "Down", "Enter");
      t.await("2/8 source", WizardScreens.SCREEN);
      t.keys("Enter");
      t.await("3/8 target", WizardScreens.SCREEN);
      t.keys("Enter");
      t.await("4/8 tables", WizardScreens.SCREEN);
      t.keys("Down", "Down"); // public.customers (the list is largest first)
      t.await("start rows", WizardScreens.SCREEN);
      t.keys("w");
      t.await("A condition on its columns", WizardScreens.SCREEN);
      for (int i = 0; i < 6; i++) {
        t.keys("BSpace");
      }
      t.type("id % 10 = 0").keys("Enter", "Enter");
      String tables = t.await("1 start tables", WizardScreens.SCREEN); // the dialog closed (its text box shows the condition too)
      assertThat(tables).containsPattern("\\[x\\] public\\.customers .*id % 10 = 0");
      t.keys("Tab", "Enter");
      t.await("5/8 options", WizardScreens.SCREEN);
      String options = t.await("Enter: choose", WizardScreens.SCREEN);
      assertThat(options).contains("[x] Also keep the rows that reference the start rows");
      t.keys("Enter");
      t.await("6/8 confirm", WizardScreens.SCREEN);
      t.keys("p");
      String preview = t.await("\u2713 subset: ", WizardScreens.SCREEN);
      assertThat(preview).containsPattern("subset: \\d+ tables reached, \\d+ rows kept");
      t.keys("Enter");
      t.await("8/8 result", WizardScreens.RUN);
      String result = t.await("Enter or q: quit", WizardScreens.SCREEN);
      assertThat(result).contains("\u2713 copied").contains("foreign keys valid");
      t.keys("q");
      assertThat(t.exitCode(Duration.ofSeconds(20))).isZero();
      assertThat(target.scalar("SELECT count(*) FROM migrated.customers")).isEqualTo(shop.scalar("SELECT count(*) FROM customers WHERE id % 10 = 0"));
    }
  }
}
