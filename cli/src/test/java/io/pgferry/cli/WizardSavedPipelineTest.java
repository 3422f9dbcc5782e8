package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import io.pgferry.testkit.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full copy of picked tables with a target schema typed in, saved as a pipeline and run; the saved file, run
 * with pgferry run into the emptied target, gives the same tables and rows.
 */
class WizardSavedPipelineTest {
  @BeforeAll
  static void tmux() {
    WizardScreens.assumeTmux();
  }

  @Test
  void wizard_savedFullCopyPipeline_pgferryRunGivesTheSameResult(@TempDir Path dir) throws Exception {
    try (TestDatabase shop = Cli.shop("wz_file_src"); TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_file_dst");
        Tmux t = WizardScreens.start(dir, "-s", shop.url(), "-t", target.url())) {
      WizardScreens.toOptions(t);
      t.keys("Up", "Up", "Up", "Up", "Up"); // from Next up to the target schema, the first field
      for (int i = 0; i < 12; i++) {
        t.keys("BSpace");
      }
      t.type("dev_copy");
      t.keys("Down", "Down", "Down", "Down", "Down"); // back down to Next
      t.keys("Enter").await("6/8 confirm", WizardScreens.SCREEN);
      String confirm = t.await("s: save as pipeline", WizardScreens.SCREEN);
      assertThat(confirm).contains("schema dev_copy");
      t.keys("s");
      t.await("\u2713 saved", WizardScreens.SCREEN);
      t.keys("Enter"); // Start
      t.await("8/8 result", WizardScreens.RUN);
      t.keys("Enter");
      assertThat(t.exitCode(Duration.ofSeconds(20))).isZero();
      Map<String, TableDigest> first = digests(target);
      assertThat(first).containsKey("dev_copy.orders").hasSize(5);
      String pipeline = Files.readString(dir.resolve("pgferry-wizard.yaml"));
      assertThat(pipeline).contains("schema_map:").contains("public: dev_copy").doesNotContain("steps");
      target.execute("DROP SCHEMA dev_copy CASCADE");
      Cli.Result again = Cli.run(dir, "run", dir.resolve("pgferry-wizard.yaml").toString(), "-q");
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(digests(target)).isEqualTo(first);
    }
  }

  private static Map<String, TableDigest> digests(TestDatabase db) {
    Map<String, TableDigest> out = new LinkedHashMap<>();
    TableDigest.userTables(db).forEach(t -> out.put(t.replace("\"", ""), TableDigest.of(db, t)));
    return out;
  }
}
