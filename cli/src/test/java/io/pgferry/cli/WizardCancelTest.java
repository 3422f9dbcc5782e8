package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import io.pgferry.testkit.Tmux;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during the load asks first; yes cancels, and the clone's cleanup leaves the target as it was found. */
class WizardCancelTest {
  @BeforeAll
  static void tmux() {
    WizardScreens.assumeTmux();
  }

  @Test
  void wizard_ctrlCDuringTheLoadAndYes_cancelsAndLeavesTheTargetAsFound(@TempDir Path dir) throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "wz_cancel_src").execute("""
            CREATE TABLE big (id int PRIMARY KEY, v text);
            INSERT INTO big SELECT g, md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text) FROM generate_series(1, 3000000) g;
            ANALYZE;
            """);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_cancel_dst").execute("CREATE TABLE mine (id int)");
        Tmux t = WizardScreens.start(dir, "-s", source.url(), "-t", target.url())) {
      WizardScreens.toOptions(t);
      t.keys("Enter");
      t.await("6/8 confirm", WizardScreens.SCREEN);
      t.keys("Enter");
      // the phase shows before the load has planned its tables: wait for the table's line
      String running = t.await("public.big", WizardScreens.RUN);
      assertThat(running).contains("7/8 running").contains("Phase: load").contains("rows/s").contains("\u2591");
      t.keys("C-c");
      String ask = t.await("< Yes  >", WizardScreens.SCREEN);
      assertThat(ask).contains("< Yes  >");
      t.keys("Right", "Enter");
      t.await("8/8 result", WizardScreens.RUN);
      String result = t.await("Enter or q: quit", WizardScreens.SCREEN);
      assertThat(result).contains("\u2717 cancelled").contains("removed again");
      t.keys("q");
      assertThat(t.exitCode(Duration.ofSeconds(20))).as("the exit code of an interrupted run").isEqualTo(130);
      assertThat(target.query("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"))
          .containsExactly(List.of("public"));
      assertThat(target.query("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace")).containsExactly(List.of("mine"));
    }
  }
}
