package io.pgferry.cli;

import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgferry scan} as CI uses it: exit code 13 while personal data is uncovered, a starter file that closes the gap. */
class CliScanTest {
  private static final String SALT = "scan-test-salt-7f3a";
  private static TestDatabase db;

  @TempDir Path dir;

  @BeforeAll
  static void plant() {
    db = TestDatabase.create(PostgresServers.source(), "cli_scan").executeResource("/io/pgferry/testkit/pii.sql");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void scan_uncoveredPersonalData_exits13WithTableAndOneLineError() {
    Cli.Result r = Cli.run(dir, "scan", "--source", db.url(), "--include", "customers,payments")
        .assertOneLineError(13, null);
    assertThat(r.error()).startsWith("7 likely personal-data column(s) found: public.customers.e_mail");
    assertThat(r.out()).contains("public.customers.e_mail").contains("public.payments.\"cardNumber\"").contains("card")
        .doesNotContain("customer_id").doesNotContain("amount").doesNotContain("created_at");
  }

  @Test
  void scan_nothingPersonal_exits0() {
    Cli.Result r = Cli.run(dir, "scan", "--source", db.url(), "--include", "products");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("no column looks like personal data");
  }

  @Test
  void scan_json_printsOneDocumentWithFindingsAndCoverage() throws Exception {
    Cli.Result r = Cli.run(dir, "scan", "--source", db.url(), "--include", "tickets", "--json");
    assertThat(r.code()).isEqualTo(13);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("tables").asInt()).isEqualTo(1);
    assertThat(doc.get("uncovered").asInt()).isEqualTo(6);
    assertThat(doc.get("findings")).hasSize(6);
    JsonNode first = doc.get("findings").get(0);
    assertThat(first.get("column").asText()).isEqualTo("contact");
    assertThat(first.get("kind").asText()).isEqualTo("email");
    assertThat(first.get("coverage").isNull()).isTrue();
    assertThat(first.get("suggested").asText()).isEqualTo("hash");
    assertThat(first.get("consider").asText()).isEqualTo("{ type: fake, kind: email }");
  }

  @Test
  void scan_writeRules_fileParsesCoversEverythingAndClonesCleanly() throws Exception {
    Path rules = dir.resolve("anonymize.yaml");
    Cli.Result first = Cli.run(dir, "scan", "--source", db.url(), "--write-rules", rules.toString());
    assertThat(first.code()).as(first.err()).isEqualTo(13);
    assertThat(first.err()).contains("wrote 39 starter rule(s) to " + rules);
    String text = Files.readString(rules);
    assertThat(text).contains("'public.customers.e_mail': hash   # e-mail address").contains("consider: { type: fake, kind: email }")
        .contains("'public.\"Clients\".\"nomDeFamille\"': hash").contains("'public.customers.geburtsdatum': set_null");

    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "cli_scan_dst")) {
      Map<String, String> env = Map.of("SOURCE_URL", db.url(), "TARGET_URL", target.url(), "PGFERRY_SALT", SALT);
      Pipeline p = PipelineParser.parse(rules, env);
      assertThat(p.transforms()).hasSize(39);

      Cli.Result second = Cli.run(env, dir, "scan", "--pipeline", rules.toString()); // the pipeline's source
      assertThat(second.code()).as(second.err()).isZero();
      assertThat(second.out()).contains("39 likely personal-data column(s), 0 not covered by the pipeline's rules")
          .doesNotContain("UNCOVERED");

      Cli.Result clone = Cli.run(env, dir, "run", rules.toString(), "--quiet");
      assertThat(clone.code()).as(clone.err()).isZero();
      assertThat(target.scalar("SELECT count(*) FROM customers c WHERE e_mail LIKE 'kunde%'")).isEqualTo("0");
      assertThat(target.scalar("SELECT count(*) FROM tickets WHERE account IS NOT NULL AND account LIKE 'BE68%'")).isEqualTo("0");
      assertThat(target.scalar("SELECT count(*) FROM customers")).isEqualTo("40");
    }
  }

  @Test
  void scan_writeRulesOntoExistingFile_exits2AndKeepsTheFile() throws Exception {
    Path rules = Files.writeString(dir.resolve("mine.yaml"), "keep me");
    Cli.Result r = Cli.run(dir, "scan", "--source", db.url(), "--write-rules", rules.toString()).assertOneLineError(2, null);
    assertThat(r.error()).contains("already exists");
    assertThat(Files.readString(rules)).isEqualTo("keep me");
  }

  @Test
  void scan_minConfidenceOutOfRange_exits2() {
    Cli.Result r = Cli.run(dir, "scan", "--source", db.url(), "--min-confidence", "1.5").assertOneLineError(2, null);
    assertThat(r.error()).contains("--min-confidence must be from 0 to 1");
  }
}
