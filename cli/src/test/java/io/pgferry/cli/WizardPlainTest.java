package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a terminal the wizard says so and asks plain questions; empty answers take the defaults. */
class WizardPlainTest {
  @Test
  void wizard_notATerminalAndDefaultAnswers_copiesIntoMigrated(@TempDir Path home) throws Exception {
    try (TestDatabase shop = Cli.shop("wz_plain_src"); TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_plain_dst")) {
      // mode, source, target, schema, jobs, anonymization, save, start
      Cli.Result r = Cli.runWithInput("\n\n\n\n\n\n\n\n", Map.of(), home, "wizard", "-s", shop.url(), "-t", target.url());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("stdout is not a terminal, so the wizard asks plain questions")
          .contains("\u2713 connected: PostgreSQL").contains("pgferry clone -s " + shop.url())
          .contains("copied 5 tables").contains("foreign keys valid");
      for (String table : TableDigest.userTables(shop)) {
        assertThat(TableDigest.of(target, table.replaceFirst("^public\\.", "migrated."))).as(table).isEqualTo(TableDigest.of(shop, table));
      }
    }
  }

  @Test
  void wizard_anonymizationPipelineGiven_copiesWithItsTransformsAndSavesThem(@TempDir Path home) throws Exception {
    try (TestDatabase shop = Cli.shop("wz_anon_src"); TestDatabase target = TestDatabase.create(PostgresServers.target(), "wz_anon_dst")) {
      Path rules = home.resolve("anon.yaml");
      java.nio.file.Files.writeString(rules, """
          source: ${SOURCE_URL}
          target: ${TARGET_URL}
          salt: ${PGFERRY_SALT}
          transforms:
            public.customers.email: { type: fake, kind: email }
            public.customers.full_name: { type: fake, kind: full_name }
          """);
      Path saved = home.resolve("again.yaml");
      String answers = String.join("\n", "1", "", "", "", "", rules.toString(), saved.toString(), "y") + "\n";
      Cli.Result r = Cli.runWithInput(answers, Map.of("PGFERRY_SALT", "wizard-test-salt"), home, "wizard", "-s", shop.url(), "-t",
          target.url());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("Anonymized with: " + rules).contains("pgferry run " + saved);
      assertThat(target.scalar("SELECT count(*) FROM migrated.customers")).isEqualTo(shop.scalar("SELECT count(*) FROM customers"));
      assertThat(target.query("SELECT email, full_name FROM migrated.customers ORDER BY id"))
          .doesNotContainAnyElementsOf(shop.query("SELECT email, full_name FROM customers ORDER BY id"));
      assertThat(TableDigest.of(target, "migrated.orders")).isEqualTo(TableDigest.of(shop, "public.orders"));
      String pipeline = java.nio.file.Files.readString(saved);
      assertThat(pipeline).contains("public.customers.email").contains("${PGFERRY_SALT}").contains("public: migrated")
          .doesNotContain("wizard-test-salt");
    }
  }

  @Test
  void wizard_plainTargetUnreachableAndNoMoreAnswers_failsNamingTheQuestion(@TempDir Path home) {
    try (TestDatabase shop = Cli.shop("wz_plain_src2")) {
      String missing = "postgresql://postgres@127.0.0.1:" + PostgresServers.target().port() + "/no_such_db";
      Cli.Result r = Cli.runWithInput("1\n\n\n", Map.of(), home, "wizard", "-s", shop.url(), "-t", missing);
      assertThat(r.err()).contains("\u2717 ").contains("no_such_db");
      assertThat(r.error()).contains("no more answers on stdin").contains("Target URL");
      assertThat(r.code()).isEqualTo(2);
    }
  }
}
