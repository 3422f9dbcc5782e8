package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import io.pgferry.testkit.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enter on every screen, with the connections given as flags, runs a full copy into the target schema migrated. */
class WizardFullCopyTest {
  @BeforeAll
  static void tmux() {
    WizardScreens.assumeTmux();
  }

  @Test
  void wizard_enterThroughPrefilledScreens_copiesEverythingIntoMigrated(@TempDir Path dir) throws Exception {
    try (TestDatabase shop = Cli.shop("wz_full_src"); TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_full_dst");
        Tmux t = WizardScreens.start(dir, "-s", shop.url(), "-t", target.url())) {
      t.await("1/8 what to do", WizardScreens.SCREEN);
      // a larger terminal: the window follows it, and back
      t.resize(120, 40);
      t.await("\u2500".repeat(100), WizardScreens.SCREEN);
      assertThat(t.screen().lines().count()).isEqualTo(40);
      t.resize(80, 24);
      t.await("1/8 what to do", WizardScreens.SCREEN);
      Thread.sleep(500);
      assertThat(t.screen().lines().mapToInt(String::length).max().orElse(0)).isEqualTo(80);
      String help = t.keys("?").await("Keys", WizardScreens.SCREEN);
      assertThat(help).contains("Esc").contains("back to the previous step").contains("Ctrl-C");
      t.keys("Enter"); // closes the keys
      Thread.sleep(300);
      t.keys("Enter");
      t.await("2/8 source", WizardScreens.SCREEN);
      t.keys("Enter");
      t.await("3/8 target", WizardScreens.SCREEN);
      t.keys("Enter");
      t.await("5/8 options", WizardScreens.SCREEN);
      assertThat(t.screen()).contains("Target schema  migrated");
      t.keys("Enter");
      t.await("6/8 confirm", WizardScreens.SCREEN);
      String confirm = t.await("public=migrated -j", WizardScreens.SCREEN); // the screen's last lines: drawn whole
      assertThat(confirm).contains("Full copy").contains("the source's schema public goes into schema migrated");
      assertThat(WizardScreens.flat(confirm)).contains("pgferry clone -s " + shop.url() + " -t " + target.url() + " --schema-map public=migrated -j");
      t.keys("Enter");
      t.await("8/8 result", WizardScreens.RUN);
      String result = t.await("Enter or q: quit", WizardScreens.SCREEN);
      assertThat(result).contains("\u2713 copied 5 tables").contains("Verified: row counts of all 5 tables match, foreign keys valid");
      t.keys("Enter");
      assertThat(t.exitCode(Duration.ofSeconds(20))).isZero();
      for (String table : TableDigest.userTables(shop)) {
        assertThat(TableDigest.of(target, table.replaceFirst("^public\\.", "migrated."))).as(table).isEqualTo(TableDigest.of(shop, table));
      }
      assertThat(target.scalar("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).as("public untouched")
          .isEqualTo("0");
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("pgferry-wizard-report-") && n.endsWith(".json"));
      }
    }
  }
}
