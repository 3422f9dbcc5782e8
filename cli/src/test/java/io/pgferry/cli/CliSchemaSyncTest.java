package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgferry diff} and {@code pgferry schema-sync} as a user runs them: exit codes, script output, JSON. */
class CliSchemaSyncTest {
  @TempDir Path home;
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void create() {
    source = TestDatabase.create(PostgresServers.source(), "clisd_src").execute("""
        CREATE SCHEMA app;
        CREATE TABLE app.orders (id int PRIMARY KEY, total numeric(8,2), note text);
        CREATE INDEX orders_total ON app.orders (total);""");
    target = TestDatabase.create(PostgresServers.target(), "clisd_dst").execute("""
        CREATE SCHEMA app;
        CREATE TABLE app.orders (id int PRIMARY KEY, total numeric(12,2), legacy text);
        INSERT INTO app.orders VALUES (1, 10.50, 'old');""");
  }

  @AfterEach
  void drop() {
    source.close();
    target.close();
  }

  private Cli.Result run(String... args) {
    return Cli.run(Map.of(), home, args);
  }

  @Test
  void diff_differentSchemas_exits2AndPrintsTheCommentedScript() {
    Map<String, List<String>> before = SchemaSnapshot.of(target, "app");
    Cli.Result r = run("diff", "-s", source.url(), "-t", target.url());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).startsWith("-- pgferry schema diff").contains("-- source: " + source.url())
        .contains("-- ==== columns ====").contains("ALTER TABLE \"app\".\"orders\" ADD COLUMN \"note\" text;")
        .contains("app.orders.total:type-change (needs --allow-hazards)")
        .contains("CREATE TABLE \"app\".\"bak_orders_legacy_");
    assertThat(SchemaSnapshot.of(target, "app")).isEqualTo(before);
  }

  @Test
  void schemaSync_hazardThenAllowed_exits14ThenAppliesAndDiffExits0() throws Exception {
    Cli.Result refused = run("schema-sync", "-s", source.url(), "-t", target.url());
    refused.assertOneLineError(14, null);
    assertThat(refused.error()).contains("app.orders.total:type-change").contains("--allow-hazards");

    Path script = home.resolve("alter.sql");
    Cli.Result ok = run("schema-sync", "-s", source.url(), "-t", target.url(), "--allow-hazards", "app.orders.total:type-change",
        "--output", script.toString(), "--lock-timeout", "2s");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(Files.readString(script)).contains("-- ==== indexes ====").contains("CREATE INDEX orders_total");
    assertThat(target.query("SELECT id, total, note FROM app.orders")).containsExactly(java.util.Arrays.asList("1", "10.50", null));

    Cli.Result again = run("diff", "-s", source.url(), "-t", target.url());
    assertThat(again.code()).as(again.out()).isZero();
    assertThat(again.out()).contains("-- no differences");
  }

  @Test
  void schemaSync_dryRunJson_printsChangesWithHazardsAndAppliesNothing() {
    Map<String, List<String>> before = SchemaSnapshot.of(target, "app");
    Cli.Result r = run("schema-sync", "-s", source.url(), "-t", target.url(), "--dry-run", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).startsWith("{").endsWith("}").contains("\"applied\":false").contains("\"identical\":false")
        .contains("\"id\":\"app.orders.total:type-change\"").contains("\"needs_consent\":true").contains("\"section\":\"columns\"");
    assertThat(SchemaSnapshot.of(target, "app")).isEqualTo(before);
  }

  @Test
  void schemaSync_sameDatabaseWithDifferentSchemas_syncsProdSchemaFromDevSchema() {
    target.execute("CREATE SCHEMA dev_schema; CREATE TABLE dev_schema.orders (id int PRIMARY KEY, total numeric(12,2), note text);");
    Cli.Result r = run("schema-sync", "-s", target.url(), "-t", target.url(), "--source-schema", "dev_schema", "--target-schema", "app",
        "--preserve", "rename");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(target.query("SELECT id, total, note FROM app.orders")).containsExactly(java.util.Arrays.asList("1", "10.50", null));
    assertThat(target.scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'app.orders'::regclass AND attname LIKE 'legacy_dropped_%'"))
        .isEqualTo("1");
    assertThat(run("diff", "-s", target.url(), "-t", target.url(), "--source-schema", "dev_schema", "--target-schema", "app").code()).isZero();
  }

  @Test
  void schemaSync_sameDatabaseSameSchema_exits6() {
    run("schema-sync", "-s", target.url(), "-t", target.url()).assertOneLineError(6, null);
  }

  @Test
  void diff_unknownSourceSchema_exits7() {
    Cli.Result r = run("diff", "-s", source.url(), "-t", target.url(), "--source-schema", "missing").assertOneLineError(7, null);
    assertThat(r.error()).contains("schema missing does not exist");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"soon", "0", "0ms", "99999999999999999999", "35792m", "2147484s"})
  void schemaSync_badLockTimeout_exits2WithTheAcceptedRange(String value) {
    Cli.Result r = run("schema-sync", "-s", source.url(), "-t", target.url(), "--lock-timeout", value).assertOneLineError(2, null);
    assertThat(r.error()).contains("--lock-timeout " + value + ": expected a duration from 1ms to 24 days");
  }
}
