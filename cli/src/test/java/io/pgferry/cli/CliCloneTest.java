package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgferry.testkit.PasswordRole;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clone and run commands end to end on the demo shop: output modes, table selection, ways to connect. */
class CliCloneTest {
  private static final List<String> SHOP_TABLES = List.of("\"Customer Notes\"", "customers", "order_items", "orders", "products");

  private static TestDatabase shop;

  @TempDir Path dir;
  private TestDatabase target;

  @BeforeAll
  static void createShop() {
    shop = Cli.shop("cli_clone");
  }

  @AfterAll
  static void dropShop() {
    shop.close();
  }

  @BeforeEach
  void createTarget() {
    target = Cli.emptyTarget();
  }

  @AfterEach
  void dropTarget() {
    target.close();
  }

  private List<String> targetTables() {
    return target.query("SELECT format('%I', relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
        + " ORDER BY 1").stream().map(r -> r.get(0)).toList();
  }

  private static long sourceRows() {
    return Cli.shopCounts(shop).stream().mapToLong(Long::parseLong).sum();
  }

  private void assertTargetEqualsShop() {
    assertThat(targetTables()).containsExactlyInAnyOrderElementsOf(SHOP_TABLES);
    for (String t : SHOP_TABLES) {
      assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(shop, t));
    }
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.code()).as("exit code; stderr:%n%s", r.err()).isZero();
    r.assertNoStackTrace();
    return r;
  }

  @Test
  void clone_dryRun_printsDdlAndLoadPlanAndCreatesNothing() {
    Cli.Result r = ok(Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), "--dry-run"));
    assertThat(r.out()).contains("-- phase 1: base DDL").contains("CREATE TABLE \"public\".\"customers\"")
        .contains("CREATE TABLE \"public\".\"Customer Notes\"").contains("-- phase 2: load (5 tables")
        .contains("-- copy public.orders -> public.orders").contains("-- phase 3: seal")
        .containsPattern("ALTER TABLE \"public\"\\.\"order_items\" ADD CONSTRAINT \\S+ FOREIGN KEY")
        .contains("SELECT setval('\"public\".\"customers_id_seq\"', 5000, true);");
    assertThat(targetTables()).isEmpty();
    assertThat(target.scalar("SELECT count(*) FROM pg_type WHERE typname = 'order_status'")).isEqualTo("0");
  }

  @Test
  void clone_json_printsOneObjectWithPhasesRowsAndTables() throws Exception {
    Cli.Result r = ok(Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), "--json"));
    assertThat(r.out().strip().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.isObject()).isTrue();
    List<String> phases = new ArrayList<>();
    json.get("phases").forEach(p -> phases.add(p.get("phase").asText()));
    assertThat(phases).containsExactly("extract", "base", "load", "seal");
    assertThat(json.get("rows").asLong()).isEqualTo(sourceRows());
    assertThat(json.get("dry_run").asBoolean()).isFalse();
    assertThat(json.get("source").asText()).contains(shop.name());
    Map<String, Long> perTable = new java.util.TreeMap<>();
    json.get("tables").forEach(t -> perTable.put(t.get("source").asText(), t.get("rows").asLong()));
    assertThat(perTable).containsEntry("public.customers", 5000L).containsEntry("public.orders", 20000L)
        .containsEntry("public.products", 400L).containsEntry("public.Customer Notes", 2000L).hasSize(5);
    assertTargetEqualsShop();
  }

  @Test
  void clone_dryRunWithJson_stdoutIsOnlyTheJsonAndThePlanGoesToStderr() throws Exception {
    Cli.Result r = ok(Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), "--dry-run", "--json"));
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("dry_run").asBoolean()).isTrue();
    assertThat(json.get("rows").asLong()).isZero();
    assertThat(r.err()).contains("-- phase 1: base DDL");
    assertThat(targetTables()).isEmpty();
  }

  @Test
  void clone_includeExcludeWildcards_copyExactlyTheSelectedTablesAndWarnAboutTheDroppedForeignKey() {
    Cli.Result r = ok(Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), "--include", "public.*",
        "--exclude", "order_*,Customer*,custom?rs"));
    assertThat(targetTables()).containsExactlyInAnyOrder("orders", "products");
    assertThat(r.err()).containsPattern("warning: foreign key \\S+ on public\\.orders left out: it references public\\.customers");
    assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isEqualTo("0");
    assertThat(TableDigest.of(target, "orders")).isEqualTo(TableDigest.of(shop, "orders"));
  }

  @Test
  void run_pipelineWithEnvInterpolation_clonesAndTransforms() throws Exception {
    Path file = dir.resolve("clone.yaml");
    Files.writeString(file, """
        source: ${SHOP_URL}
        target:
          url: postgresql://127.0.0.1/ignored
          port: ${TARGET_PORT}
          database: ${TARGET_NAME}
          user: ${TARGET_USER:-postgres}
        exclude: ${SKIP}
        transforms:
          customers.full_name: { type: constant, value: "${REDACTED:-anon}" }
        """);
    Map<String, String> env = Map.of("SHOP_URL", shop.url(), "TARGET_PORT", String.valueOf(target.port()), "TARGET_NAME",
        target.name(), "SKIP", "Customer Note?");
    ok(Cli.run(env, dir, "run", file.toString(), "-q"));
    assertThat(targetTables()).containsExactlyInAnyOrder("customers", "orders", "order_items", "products");
    assertThat(target.query("SELECT DISTINCT full_name FROM customers")).containsExactly(List.of("anon"));
    assertThat(TableDigest.of(target, "orders")).isEqualTo(TableDigest.of(shop, "orders"));
  }

  @Test
  void clone_sourceAndTargetDbVariables_connectWithoutUrlFlags() {
    Cli.Result r = ok(Cli.run(dbVariables(), dir, "clone", "-q"));
    assertThat(r.err()).isEmpty();
    assertTargetEqualsShop();
  }

  @Test
  void clone_envFile_suppliesTheConnections() throws Exception {
    Path env = dir.resolve("clone.env");
    StringBuilder sb = new StringBuilder("# connections for the test\n");
    dbVariables().forEach((k, v) -> sb.append("export ").append(k).append('=').append(v).append('\n'));
    Files.writeString(env, sb);
    ok(Cli.run(Map.of(), dir, "clone", "--env", env.toString(), "-q"));
    assertTargetEqualsShop();
  }

  private Map<String, String> dbVariables() {
    return Map.of("SOURCE_DB_HOST", "127.0.0.1", "SOURCE_DB_PORT", String.valueOf(shop.port()), "SOURCE_DB_NAME", shop.name(),
        "SOURCE_DB_USER", "postgres", "TARGET_DB_HOST", "127.0.0.1", "TARGET_DB_PORT", String.valueOf(target.port()),
        "TARGET_DB_NAME", target.name(), "TARGET_DB_USER", "postgres");
  }

  @Test
  void clone_pgpassInHome_suppliesThePasswordOfAPasswordRole() throws Exception {
    String password = "Pgp4ss-Only-Secret";
    try (PasswordRole role = PasswordRole.create(PostgresServers.source(), "cli_pgpass", password)) {
      Path pgpass = dir.resolve(".pgpass");
      Files.writeString(pgpass, "# host:port:db:user:password\n127.0.0.1:" + shop.port() + ":*:cli_pgpass:" + password + "\n");
      Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
      Cli.Result r = ok(Cli.run(dir, "clone", "-s", "host=127.0.0.1 port=" + shop.port() + " dbname=" + shop.name() + " user="
          + role.name(), "-t", target.url()));
      assertThat(r.out() + r.err()).doesNotContain(password);
      assertTargetEqualsShop();
    }
  }

  @Test
  void clone_pipedOutput_hasNoCarriageReturnsOrAnsiEscapes() {
    Cli.Result r = ok(Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url()));
    assertThat(r.err()).contains("extract").contains("load").contains("seal").contains("cloned ");
    assertThat(r.out() + r.err()).doesNotContain("\r").doesNotContain("\u001b");
  }

  @Test
  void clone_resumeAndAbortTogether_usageErrorExit2() {
    Cli.Result r = Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), "--resume", "--abort").assertOneLineError(2, null);
    assertThat(r.error()).contains("--resume and --abort exclude each other");
    assertThat(targetTables()).isEmpty();
  }

  @Test
  void clone_resumeOfSinglePhase_configErrorExit3() {
    Cli.Result r = Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), "--phases", "base", "--resume")
        .assertOneLineError(3, null);
    assertThat(r.error()).contains("--resume and --abort are for clones of all three phases");
    assertThat(targetTables()).isEmpty();
  }

  @Test
  void clone_abortWithNothingRecorded_conflictExit11AndNothingChanged() {
    Cli.Result r = Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), "--abort").assertOneLineError(11, null);
    assertThat(r.error()).contains("holds no interrupted clone to abort");
    assertThat(targetTables()).isEmpty();
  }
}
