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

/**
 * Table operations: two tables picked with Space from a filtered list, one switched to delta only with d, saved as
 * a pipeline on the confirm screen and run; the saved file, run again with pgferry run, keeps the same result.
 */
class WizardTableOperationsTest {
  @BeforeAll
  static void tmux() {
    WizardScreens.assumeTmux();
  }

  @Test
  void wizard_twoTablesOneDeltaOnly_syncsThemAndTheSavedPipelineRunsAgain(@TempDir Path dir) throws Exception {
    try (TestDatabase shop = Cli.shop("wz_ops_src"); TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_ops_dst");
        Tmux t = WizardScreens.start(dir, "-s", shop.url(), "-t", target.url())) {
      t.await("1/8 what to do", WizardScreens.SCREEN);
      t.keys("Down", "Down", "Enter");
      t.await("2/8 source", WizardScreens.SCREEN);
      t.keys("Enter");
      t.await("3/8 target", WizardScreens.SCREEN);
      t.keys("Enter");
      t.await("4/8 tables (5 in the source)", WizardScreens.SCREEN);
      String tables = t.await("d: recreate/delta", WizardScreens.SCREEN);
      assertThat(tables).contains("public.order_items").contains("rows, est.").contains("recreate");
      pick(t, "customers");
      pick(t, "products");
      String picked = t.keys("d").await("(1 delta only)", WizardScreens.SCREEN);
      assertThat(picked).contains("2 picked").containsPattern("public\\.products .* delta");
      t.keys("Tab", "Enter"); // from the list to Next
      t.await("5/8 options", WizardScreens.SCREEN);
      t.keys("Enter");
      t.await("6/8 confirm", WizardScreens.SCREEN);
      String confirm = t.await("s: save as pipeline", WizardScreens.SCREEN);
      assertThat(confirm).contains("Table operations").contains("1 delete & recreate, 1 delta only");
      t.keys("s"); // save as pipeline
      t.await("\u2713 saved", WizardScreens.SCREEN);
      t.keys("Enter"); // Start
      t.await("8/8 result", WizardScreens.RUN);
      String result = t.await("Enter or q: quit", WizardScreens.SCREEN);
      assertThat(result).contains("\u2713 synced 2 tables").contains("Verified: row counts of all 2 tables equal the source's");
      t.keys("q");
      assertThat(t.exitCode(Duration.ofSeconds(20))).isZero();
      for (String table : new String[] {"customers", "products"}) {
        assertThat(TableDigest.of(target, "migrated." + table)).as(table).isEqualTo(TableDigest.of(shop, "public." + table));
      }
      assertThat(target.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'migrated'")).isEqualTo("2");
      String pipeline = Files.readString(dir.resolve("pgferry-wizard.yaml"));
      assertThat(pipeline).contains("steps:").contains("- sync").contains("target_schema: migrated")
          .contains("public.customers:").contains("mode: full").doesNotContain("public.products:").doesNotContainPattern("(?i)password\\s*[:=]");
      // the same run again from the saved file: customers deleted and recreated, products brought up to date
      shop.execute("UPDATE customers SET full_name = full_name || ' (renamed)' WHERE id % 7 = 0");
      Cli.Result again = Cli.run(dir, "run", dir.resolve("pgferry-wizard.yaml").toString(), "-q");
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(TableDigest.of(target, "migrated.customers")).isEqualTo(TableDigest.of(shop, "public.customers"));
    }
  }

  /** Filters the list to {@code name} and ticks the first table shown. */
  private static void pick(Tmux t, String name) {
    t.keys("/");
    t.await("Show tables whose name contains", WizardScreens.SCREEN);
    for (int i = 0; i < 20; i++) {
      t.keys("BSpace");
    }
    t.type(name).keys("Enter", "Enter"); // to OK, and OK
    t.await("filter: " + name, WizardScreens.SCREEN);
    t.keys("Space");
  }
}
