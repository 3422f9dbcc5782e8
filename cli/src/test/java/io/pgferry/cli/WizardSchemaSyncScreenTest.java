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

/** Schema sync mode: the confirm screen shows the plan of a dry run; Start applies it and keeps the target's rows. */
class WizardSchemaSyncScreenTest {
  @BeforeAll
  static void tmux() {
    WizardScreens.assumeTmux();
  }

  @Test
  void wizard_schemaSyncOfANewColumn_showsThePlanAndAppliesItKeepingRows(@TempDir Path dir) throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "wz_ssy_src")
            .execute("CREATE TABLE items (id int PRIMARY KEY, name text, added_on date)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_ssy_dst")
            .execute("CREATE SCHEMA migrated; CREATE TABLE migrated.items (id int PRIMARY KEY, name text); INSERT INTO migrated.items VALUES (1, 'kept')");
        Tmux t = WizardScreens.start(dir, "-s", source.url(), "-t", target.url())) {
      t.await("1/8 what to do", WizardScreens.SCREEN);
      t.keys("Down", "Down", "Down", "Down", "Enter");
      t.await("2/8 source", WizardScreens.SCREEN);
      t.keys("Enter");
      t.await("3/8 target", WizardScreens.SCREEN);
      t.keys("Enter");
      t.await("5/8 options", WizardScreens.SCREEN);
      String options = t.await("Enter: choose", WizardScreens.SCREEN);
      assertThat(options).contains("Source schema public").contains("Target schema migrated");
      t.keys("Enter");
      t.await("6/8 confirm", WizardScreens.SCREEN);
      String confirm = t.await("s: save as pipeline", WizardScreens.SCREEN); // the dry run's plan, drawn whole
      assertThat(confirm).contains("Schema sync").contains("ALTER TABLE \"migrated\".\"items\" ADD COLUMN \"added_on\" date")
          .doesNotContain("SCHEMA public"); // the source schema's settings land on migrated, never on the target's public
      assertThat(WizardScreens.flat(confirm)).contains("pgferry schema-sync -s " + source.url());
      t.keys("Enter");
      t.await("8/8 result", WizardScreens.RUN);
      String result = t.await("Enter or q: quit", WizardScreens.SCREEN);
      assertThat(result).containsPattern("\u2713 applied \\d+ statements");
      t.keys("q");
      assertThat(t.exitCode(Duration.ofSeconds(20))).isZero();
      assertThat(target.query("SELECT id::text, name, coalesce(added_on::text, '-') FROM migrated.items"))
          .containsExactly(java.util.List.of("1", "kept", "-"));
    }
  }
}
