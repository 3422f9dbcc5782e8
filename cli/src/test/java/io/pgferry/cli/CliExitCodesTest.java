package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PasswordRole;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every failure ends with its documented exit code and one readable {@code pgferry: error:} line (plus at
 * most a hint), never a stack trace unless {@code --verbose}, and never a password.
 */
class CliExitCodesTest {
  private static final String PASSWORD = "Corr3ct-Horse-Battery";
  private static final String WRONG = "Wr0ng-Staple-9431";

  private static TestDatabase shop;
  private static PasswordRole bob;

  @TempDir Path dir;
  private TestDatabase target;

  @BeforeAll
  static void createShop() {
    shop = Cli.shop("cli_codes");
    bob = PasswordRole.create(PostgresServers.source(), "cli_bob", PASSWORD);
  }

  @AfterAll
  static void dropShop() {
    if (bob != null) {
      bob.close();
    }
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

  private Cli.Result runPipeline(String yaml, String... extra) throws IOException {
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(file, "source: ${SRC}\ntarget: ${DST}\n" + yaml);
    List<String> args = new ArrayList<>(List.of("run", file.toString()));
    args.addAll(List.of(extra));
    return Cli.run(Map.of("SRC", shop.url(), "DST", target.url()), dir, args.toArray(String[]::new));
  }

  private List<String> targetTables() {
    return target.query("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'").stream()
        .map(r -> r.get(0)).toList();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // The YAML below follows the two lines "source: ${SRC}" and "target: ${DST}", so it starts on line 3.
  static Stream<Arguments> invalidPipelines() {
    return Stream.of(
        Arguments.of("bad YAML syntax", "tables: [unclosed\n", 3, List.of("YAML"), "pipeline\\.yaml:\\d+:\\d+"),
        Arguments.of("unknown key", "jbos: 4\n", 3, List.of("'jbos'", "did you mean 'jobs'?"), "pipeline\\.yaml:3:1"),
        Arguments.of("bad where", "tables:\n  public.orders:\n    where: \"status = = 'paid'\"\n", 3, List.of("where"),
            "pipeline\\.yaml:5:(1[3-9]|2\\d)"),
        Arguments.of("unknown transformer", "transforms:\n  public.customers.email: { type: scramble }\n", 3,
            List.of("unknown transformer 'scramble'", "hash"), "pipeline\\.yaml:4:\\d+"),
        Arguments.of("unknown table in transforms", "transforms:\n  public.custmers.email: set_null\n", 7,
            List.of("unknown table public.custmers", "public.customers"), "pipeline\\.yaml:4:\\d+"),
        Arguments.of("unknown table in tables", "tables:\n  ordrs:\n    where: \"id > 10\"\n", 7,
            List.of("unknown table ordrs", "did you mean 'orders'?"), "pipeline\\.yaml:5:12"),
        Arguments.of("unknown column", "transforms:\n  customers.emial: set_null\n", 7,
            List.of("has no column emial", "email"), "pipeline\\.yaml:4:\\d+"));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("invalidPipelines")
  void run_invalidPipeline_exitsWithCodeAndFileLocation(String name, String yaml, int code, List<String> fragments,
      String location) throws IOException {
    Cli.Result r = runPipeline(yaml).assertOneLineError(code, null);
    assertThat(r.error()).contains(fragments).containsPattern(location);
    assertThat(r.out()).isEmpty();
    assertThat(targetTables()).as("nothing was created").isEmpty();
  }

  @Test
  void run_undefinedVariable_namesTheEnvFlag() throws IOException {
    Cli.Result r = runPipeline("salt: ${PGFERRY_FLAGS_UNSET}\n").assertOneLineError(3, null);
    assertThat(r.error()).contains("undefined environment variable 'PGFERRY_FLAGS_UNSET'")
        .contains("set it (in the environment or an env file, --env), or give a default");
  }

  static Stream<Arguments> badWheres() {
    return Stream.of(
        // The condition starts in column 13 of line 5; ')' is its 17th character.
        Arguments.of("    where: \"status = 'paid' )\"\n", "near ')'", "pipeline.yaml:5:29"),
        // A block scalar: LIMIT is on the condition's second line, line 7 of the file, column 20.
        Arguments.of("    where: |\n      status = 'paid'\n        AND id > 3 LIMIT 5\n", "LIMIT", "pipeline.yaml:7:20"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badWheres")
  void run_badWhere_errorPointsAtTheLineAndColumnInsideTheYamlFile(String where, String near, String location)
      throws IOException {
    Cli.Result r = runPipeline("tables:\n  public.orders:\n" + where).assertOneLineError(3, null);
    assertThat(r.error()).contains(near).contains(location);
  }

  static Stream<Arguments> wrongPasswords() {
    return Stream.of(
        Arguments.of("in the URL", Map.of(), List.of("-s", "postgresql://cli_bob:" + WRONG + "@127.0.0.1:%d/%s")),
        Arguments.of("as --source-password", Map.of(),
            List.of("-s", "postgresql://cli_bob@127.0.0.1:%d/%s", "--source-password=" + WRONG)),
        Arguments.of("in SOURCE_DB_PASSWORD", Map.of("SOURCE_DB_PASSWORD", WRONG), List.of("-s", "host=127.0.0.1 port=%d dbname=%s user=cli_bob")),
        Arguments.of("in PGPASSWORD", Map.of("PGPASSWORD", WRONG), List.of("-s", "postgresql://cli_bob@127.0.0.1:%d/%s")));
  }

  @ParameterizedTest(name = "password {0}")
  @MethodSource("wrongPasswords")
  void clone_wrongPassword_exits5WithoutPrintingThePassword(String how, Map<String, String> env, List<String> sourceArgs) {
    List<String> args = new ArrayList<>(List.of("clone", "-t", target.url()));
    sourceArgs.forEach(a -> args.add(a.formatted(shop.port(), shop.name())));
    Cli.Result r = Cli.run(env, dir, args.toArray(String[]::new)).assertOneLineError(5, WRONG);
    assertThat(r.error()).contains("password authentication failed for user \"cli_bob\"");
    assertThat(r.err()).doesNotContain(PASSWORD);
    assertThat(targetTables()).isEmpty();
  }

  @Test
  void clone_closedPort_exits4CannotReachWithoutPassword() throws IOException {
    int port = closedPort();
    Cli.Result r = Cli.run(dir, "clone", "-s", "postgresql://cli_bob:" + WRONG + "@127.0.0.1:" + port + "/shop", "-t", target.url())
        .assertOneLineError(4, WRONG);
    assertThat(r.error()).contains("cannot reach 127.0.0.1:" + port);
  }

  @Test
  void clone_unknownDatabase_exits4NamingIt() {
    Cli.Result r = Cli.run(dir, "clone", "-s", shop.url(), "-t", "postgresql://postgres@127.0.0.1:" + target.port() + "/no_such_db")
        .assertOneLineError(4, null);
    assertThat(r.error()).contains("database \"no_such_db\" does not exist");
  }

  @ParameterizedTest(name = "target written as {0}")
  @ValueSource(strings = {"libpq URL", "jdbc URL", "keyword string"})
  void clone_sourceAsTarget_exits6AndChangesNothing(String form) {
    String t = switch (form) {
      case "libpq URL" -> shop.url();
      case "jdbc URL" -> shop.jdbcUrl();
      default -> "host=127.0.0.1 port=" + shop.port() + " dbname=" + shop.name() + " user=postgres";
    };
    List<String> before = Cli.shopCounts(shop);
    Cli.Result r = Cli.run(dir, "clone", "-s", shop.url(), "-t", t).assertOneLineError(6, null);
    assertThat(r.error()).contains("same database").contains("--schema-map");
    assertThat(Cli.shopCounts(shop)).isEqualTo(before);
  }

  @Test
  void clone_sameDatabaseWithSchemaMap_exits0AndRowsLandInTheNewSchema() {
    try (TestDatabase db = Cli.shop("cli_same")) {
      List<String> before = Cli.shopCounts(db);
      Cli.Result r = Cli.run(dir, "clone", "-s", db.url(), "-t", db.url(), "--schema-map", "public=copy", "-q");
      assertThat(r.code()).as(r.err()).isZero();
      r.assertNoStackTrace();
      assertThat(Cli.shopCounts(db)).as("public is untouched").isEqualTo(before);
      assertThat(db.query("SELECT (SELECT count(*) FROM copy.customers), (SELECT count(*) FROM copy.products),"
          + " (SELECT count(*) FROM copy.orders), (SELECT count(*) FROM copy.order_items), (SELECT count(*) FROM copy.\"Customer Notes\")")
          .get(0)).isEqualTo(before);
      // Types, sequences and foreign keys of the copy refer to the copy, not to public.
      assertThat(db.scalar("SELECT atttypid::regtype::text FROM pg_attribute WHERE attrelid = 'copy.orders'::regclass"
          + " AND attname = 'status'")).isEqualTo("copy.order_status");
      assertThat(db.scalar("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'copy.orders'::regclass"
          + " AND adnum = (SELECT attnum FROM pg_attribute WHERE attrelid = adrelid AND attname = 'invoice_number')")).contains("copy.invoice_number_seq");
      assertThat(db.query("SELECT DISTINCT confrelid::regclass::text FROM pg_constraint WHERE connamespace = 'copy'::regnamespace"
          + " AND contype = 'f' ORDER BY 1")).extracting(row -> row.get(0))
          .containsExactly("copy.customers", "copy.orders", "copy.products");
    }
  }

  @Test
  void clone_targetAlreadyCloned_exits11AndLeavesTargetUnchanged() {
    Cli.Result first = Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), "-q");
    assertThat(first.code()).as(first.err()).isZero();
    List<String> after = Cli.shopCounts(target);
    assertThat(after).isEqualTo(Cli.shopCounts(shop));

    Cli.Result second = Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url()).assertOneLineError(11, null);
    assertThat(second.error()).contains("already has").contains("table public.customers").contains("Nothing was changed");
    assertThat(Cli.shopCounts(target)).isEqualTo(after);
    assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"))
        .isEqualTo("4");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--bogus", "--jobs=many", "-x"})
  void clone_badOption_exits2WithHelpHint(String option) {
    Cli.Result r = Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), option).assertOneLineError(2, null);
    assertThat(r.errLines().get(r.errLines().size() - 1)).isEqualTo("Try 'pgferry clone --help' for usage.");
  }

  @Test
  void run_missingPipelineArgument_exits2WithHelpHint() {
    Cli.Result r = Cli.run(dir, "run").assertOneLineError(2, null);
    assertThat(r.err()).contains("Try 'pgferry run --help'");
  }

  @Test
  void run_missingPipelineFile_exits3NamingIt() {
    Cli.Result r = Cli.run(dir, "run", dir.resolve("nope.yaml").toString()).assertOneLineError(3, null);
    assertThat(r.error()).contains("nope.yaml").contains("does not exist");
  }

  @Test
  void clone_missingEnvFile_exits3NamingIt() {
    Cli.Result r = Cli.run(dir, "clone", "--env", dir.resolve("missing.env").toString()).assertOneLineError(3, null);
    assertThat(r.error()).contains("missing.env").endsWith("does not exist");
  }

  @Test
  void clone_envFileNotUtf8_exits3NamingIt() throws IOException {
    Path env = dir.resolve("latin1.env");
    Files.write(env, new byte[] {'A', '=', (byte) 0xE9, '\n'});
    Cli.Result r = Cli.run(dir, "clone", "--env", env.toString()).assertOneLineError(3, null);
    assertThat(r.error()).contains("latin1.env").contains("UTF-8");
  }

  @Test
  void clone_schemaMapWithoutEquals_exits2() {
    Cli.Result r = Cli.run(dir, "clone", "-s", shop.url(), "-t", target.url(), "--schema-map", "nonsense")
        .assertOneLineError(2, null);
    assertThat(r.error()).contains("--schema-map expects SRC=DST").contains("'nonsense'");
    assertThat(targetTables()).isEmpty();
  }

  @Test
  void clone_errorWithVerbose_printsStackTrace() throws IOException {
    int port = closedPort();
    Cli.Result r = Cli.run(dir, "clone", "-s", "postgresql://cli_bob:" + WRONG + "@127.0.0.1:" + port + "/shop", "-t", target.url(),
        "--verbose");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).startsWith("pgferry: error: cannot reach").contains("\tat ").contains("PgferryException")
        .doesNotContain(WRONG);
  }

  @Test
  void clone_errorWithoutVerbose_printsNoStackTrace() throws IOException {
    int port = closedPort();
    Cli.Result r = Cli.run(dir, "clone", "-s", "postgresql://127.0.0.1:" + port + "/shop", "-t", target.url());
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.errLines()).hasSize(1);
    r.assertNoStackTrace();
  }
}
