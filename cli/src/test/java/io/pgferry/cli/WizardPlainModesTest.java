package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's subset and schema-sync modes, answered on stdin: the same library runs as their commands. */
class WizardPlainModesTest {
  @Test
  void wizard_subsetOfATenthOfTheCustomers_keepsThemWithTheirOrdersAndValidKeys(@TempDir Path home) throws Exception {
    try (TestDatabase shop = Cli.shop("wz_sub_src"); TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_sub_dst")) {
      Path saved = home.resolve("subset.yaml");
      // mode 4, source, target, start tables, start rows, children, schema, jobs, anonymization, save, start
      String answers = String.join("\n", "4", "", "", "public.customers", "id % 10 = 0", "y", "", "", "", saved.toString(), "y") + "\n";
      Cli.Result r = Cli.runWithInput(answers, Map.of(), home, "wizard", "-s", shop.url(), "-t", target.url());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("Start:    public.customers where id % 10 = 0; with their children").contains("foreign keys valid");
      assertThat(target.scalar("SELECT count(*) FROM migrated.customers")).isEqualTo(shop.scalar("SELECT count(*) FROM customers WHERE id % 10 = 0"));
      assertThat(target.scalar("SELECT count(*) FROM migrated.orders"))
          .isEqualTo(shop.scalar("SELECT count(*) FROM orders WHERE customer_id % 10 = 0"));
      assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")).isEqualTo("0");
      assertThat(Files.readString(saved)).contains("subset:").contains("id % 10 = 0").contains("children: true");
    }
  }

  @Test
  void wizard_schemaSyncIntoAnEmptyTarget_showsThePlanAndCreatesTheSchema(@TempDir Path home) throws Exception {
    try (TestDatabase shop = Cli.shop("wz_ss_src"); TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_ss_dst")) {
      // mode 5, source, target, source schema, target schema, save, start
      String answers = String.join("\n", "5", "", "", "public", "migrated", "", "y") + "\n";
      Cli.Result r = Cli.runWithInput(answers, Map.of(), home, "wizard", "-s", shop.url(), "-t", target.url());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("The plan: ").contains("CREATE TABLE").contains("pgferry schema-sync -s " + shop.url())
          .contains("--source-schema public --target-schema migrated").containsPattern("applied \\d+ statements");
      assertThat(target.scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'migrated'"))
          .isEqualTo(shop.scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'"));
      assertThat(target.scalar("SELECT count(*) FROM migrated.customers")).isEqualTo("0");
    }
  }
}
