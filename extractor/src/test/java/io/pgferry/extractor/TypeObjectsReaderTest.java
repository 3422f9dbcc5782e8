package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.CatalogSnapshot;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the type fixture, replays the statements on an empty database in pg_depend order, and compares
 * catalog snapshots made by the server alone ({@link CatalogSnapshot}).
 */
class TypeObjectsReaderTest {
  private static final String PRELUDE = "/io/pgferry/testkit/types-prelude.sql";
  private static final String FIXTURE = "/io/pgferry/testkit/types.sql";
  private static TestDatabase source;
  private static int version;

  @BeforeAll
  static void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "types_src").executeResource(PRELUDE).executeResource(FIXTURE);
    version = Integer.parseInt(source.scalar("SELECT current_setting('server_version_num')"));
    if (version >= 160000) {
      source.execute("CREATE COLLATION \"select\".\"ICU \"\"rules\"\"\" (provider = icu, locale = 'und', rules = '&a < b')");
    }
    if (version >= 170000) {
      source.execute("CREATE COLLATION \"select\".\"built in\" (provider = builtin, locale = 'C.UTF-8')");
    }
  }

  @AfterAll
  static void tearDown() {
    source.close();
  }

  @Test
  void replay_typeFixtureInDependencyOrder_yieldsIdenticalCatalogSnapshots() throws SQLException {
    List<SchemaObject> read = read(source);
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "types_dst").executeResource(PRELUDE)) {
      replay(target, sorted(read));

      assertThat(CatalogSnapshot.extensions(target)).isEqualTo(CatalogSnapshot.extensions(source)).hasSize(4);
      assertThat(CatalogSnapshot.collations(target)).isEqualTo(CatalogSnapshot.collations(source)).hasSizeGreaterThanOrEqualTo(4);
      assertThat(CatalogSnapshot.domains(target)).isEqualTo(CatalogSnapshot.domains(source)).hasSize(8);
      assertThat(CatalogSnapshot.composites(target)).isEqualTo(CatalogSnapshot.composites(source)).hasSize(13);
      assertThat(CatalogSnapshot.ranges(target)).isEqualTo(CatalogSnapshot.ranges(source)).hasSize(5);
    }
  }

  @Test
  void read_sourceAndClone_yieldSameKeysAndStatements() throws SQLException {
    List<SchemaObject> original = read(source);
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "types_keys").executeResource(PRELUDE)) {
      replay(target, sorted(original));
      List<SchemaObject> cloned = read(target);
      assertThat(cloned).extracting(SchemaObject::key).containsExactlyElementsOf(original.stream().map(SchemaObject::key).toList());
      assertThat(cloned).isEqualTo(original);
    }
  }

  @Test
  void read_typeFixture_keysComeFromIdentifyObjectAsAddress() throws SQLException {
    List<SchemaObject> read = read(source);
    assertThat(read).allSatisfy(o -> {
      assertThat(o.phase()).isEqualTo(SchemaObject.Phase.BASE);
      assertThat(o.dependsOn()).isEmpty();
    });
    assertThat(read).extracting(SchemaObject::key).contains(
        new ObjectKey("extension", List.of("citext"), List.of()),
        new ObjectKey("extension", List.of("plpgsql"), List.of()),
        new ObjectKey("collation", List.of("Ty \"pes\" ☺", "Case Insensitive ☺"), List.of()),
        new ObjectKey("type", List.of("\"Ty \"\"pes\"\" ☺\".\"Positive Money\""), List.of()),
        new ObjectKey("type", List.of("\"Ty \"\"pes\"\" ☺\".\"Point \"\"3d\"\"\""), List.of()),
        new ObjectKey("type", List.of("\"select\".floatrange"), List.of()));
    // Array, multirange and table row types are created implicitly, enums by CatalogReader.
    assertThat(read).extracting(o -> String.join(".", o.key().names()))
        .noneMatch(n -> n.endsWith("[]") || n.contains("multirange") || n.contains("Multi") || n.contains("Mood"));
  }

  @Test
  void read_typeFixture_writesOnlyNonDefaultOptions() throws SQLException {
    List<SchemaObject> read = read(source);
    assertThat(statements(read, "collation", "Case Insensitive ☺")).containsExactly(
        "CREATE COLLATION \"Ty \"\"pes\"\" ☺\".\"Case Insensitive ☺\" (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
    assertThat(statements(read, "collation", "split"))
        .containsExactly("CREATE COLLATION \"select\".\"split\" (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX')");
    assertThat(statements(read, "extension", "citext"))
        .singleElement().asString().startsWith("CREATE EXTENSION IF NOT EXISTS \"citext\" WITH SCHEMA \"Ext Home\" VERSION '");
    assertThat(statements(read, "type", "Positive Money")).containsExactly(
        "CREATE DOMAIN \"Ty \"\"pes\"\" ☺\".\"Positive Money\" AS numeric(12,2) DEFAULT 0"
            + (version >= 170000 ? " CONSTRAINT \"Positive Money_not_null\" NOT NULL" : " NOT NULL")
            + " CONSTRAINT \"is positive\" CHECK ((VALUE >= (0)::numeric))"
            + " CONSTRAINT \"not \"\"huge\"\"\" CHECK ((VALUE < (1000000000)::numeric))",
        "ALTER DOMAIN \"Ty \"\"pes\"\" ☺\".\"Positive Money\" ADD CONSTRAINT \"later ☺\" CHECK ((VALUE <> (13)::numeric)) NOT VALID");
    assertThat(statements(read, "type", "floatrange"))
        .containsExactly("CREATE TYPE \"select\".\"floatrange\" AS RANGE (subtype = double precision, subtype_diff = \"pg_catalog\".\"float8mi\")");
    assertThat(statements(read, "type", "My range ☺"))
        .containsExactly("CREATE TYPE \"select\".\"My range ☺\" AS RANGE (subtype = \"select\".\"Name\")");
    assertThat(statements(read, "type", "Text Range")).containsExactly(
        "CREATE TYPE \"Ty \"\"pes\"\" ☺\".\"Text Range\" AS RANGE (subtype = text, subtype_opclass = \"pg_catalog\".\"text_pattern_ops\","
            + " collation = \"pg_catalog\".\"C\", multirange_type_name = \"select\".\"Text Multi\")");
    assertThat(statements(read, "type", "empty")).containsExactly("CREATE TYPE \"select\".\"empty\" AS ()");
  }

  @Test
  void read_extensionMemberAndSystemObjects_areSkipped() throws SQLException {
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "types_member")) {
      db.execute("""
          CREATE EXTENSION citext;
          CREATE DOMAIN public.adopted AS int;
          CREATE DOMAIN public.own AS int;
          ALTER EXTENSION citext ADD DOMAIN public.adopted""");
      assertThat(read(db)).extracting(o -> o.key().type() + " " + o.key().names())
          .containsExactly("extension [citext]", "extension [plpgsql]", "type [public, own]");
    }
  }

  @Test
  void catalogSnapshot_subtleDifferences_areVisible() {
    String common = "CREATE EXTENSION cube;";
    String a = """
        CREATE COLLATION public.co (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
        CREATE DOMAIN public.d AS numeric(10,2) CONSTRAINT "positive" CHECK (VALUE > 0);
        CREATE TYPE public.c AS (a int, b text COLLATE "C");
        CREATE TYPE public.r AS RANGE (subtype = text, subtype_opclass = text_pattern_ops)""";
    String b = """
        CREATE COLLATION public.co (provider = icu, locale = 'und-u-ks-level2');
        CREATE DOMAIN public.d AS numeric(10,3) CONSTRAINT "Positive" CHECK (VALUE > 0);
        CREATE TYPE public.c AS (a int, b text);
        CREATE TYPE public.r AS RANGE (subtype = text)""";
    try (TestDatabase da = TestDatabase.create(PostgresServers.source(), "snap_a").execute(common + a);
        TestDatabase db = TestDatabase.create(PostgresServers.target(), "snap_b").execute(common + b)) {
      assertThat(CatalogSnapshot.extensions(da)).isEqualTo(CatalogSnapshot.extensions(db));
      assertThat(CatalogSnapshot.collations(da)).isNotEqualTo(CatalogSnapshot.collations(db));
      assertThat(CatalogSnapshot.domains(da)).isNotEqualTo(CatalogSnapshot.domains(db));
      assertThat(CatalogSnapshot.composites(da)).isNotEqualTo(CatalogSnapshot.composites(db));
      assertThat(CatalogSnapshot.ranges(da)).isNotEqualTo(CatalogSnapshot.ranges(db));
    }
  }

  @Test
  void read_nonEmptySearchPath_isRefused() throws SQLException {
    try (Connection c = source.connect()) {
      assertThatThrownBy(() -> TypeObjectsReader.read(c)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("search_path");
    }
  }

  @Test
  void missingOn_unavailableOrOtherVersion_reportsThoseOnly() throws SQLException {
    List<SchemaObject> wanted = new ArrayList<>(read(source));
    wanted.add(extension("no_such_extension ☺", "1.0"));
    wanted.add(extension("cube", "0.1"));
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "types_ext"); Connection c = target.connect()) {
      assertThat(Extensions.missingOn(c, wanted)).extracting(Extensions.Unavailable::name)
          .containsExactly("cube", "no_such_extension ☺");
      assertThat(Extensions.missingOn(c, wanted).get(1).reason()).contains("not available");
      assertThat(Extensions.missingOn(c, read(source))).isEmpty();
      target.execute("CREATE EXTENSION citext VERSION '1.5'");
      assertThat(Extensions.missingOn(c, read(source))).singleElement().satisfies(u -> {
        assertThat(u.name()).isEqualTo("citext");
        assertThat(u.reason()).contains("1.5 installed");
      });
    }
  }

  @Test
  void version_escapedLiteral_isUnquoted() {
    assertThat(Extensions.version(extension("x", "1.0 'beta'"))).isEqualTo("1.0 'beta'");
    assertThat(Extensions.version(extension("x", "a\\b"))).isEqualTo("a\\b");
  }

  @Test
  void defaultMultirangeName_followsCreateTypeRules() {
    assertThat(TypeObjectsReader.defaultMultirangeName("floatrange")).isEqualTo("floatmultirange");
    assertThat(TypeObjectsReader.defaultMultirangeName("My range ☺")).isEqualTo("My multirange ☺");
    assertThat(TypeObjectsReader.defaultMultirangeName("Text Range")).isEqualTo("Text Range_multirange");
  }

  private static SchemaObject extension(String name, String version) {
    return new SchemaObject(new ObjectKey("extension", List.of(name), List.of()), SchemaObject.Phase.BASE,
        List.of("CREATE EXTENSION IF NOT EXISTS " + Sql.ident(name) + " WITH SCHEMA \"public\" VERSION " + Sql.literal(version)),
        Set.of());
  }

  private static List<String> statements(List<SchemaObject> objects, String type, String lastName) {
    return objects.stream().filter(o -> o.key().type().equals(type) && o.key().names().getLast().equals(lastName))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " " + lastName)).statements();
  }

  private static List<SchemaObject> read(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SELECT set_config('search_path', '', false)");
      return TypeObjectsReader.read(c);
    }
  }

  private static List<SchemaObject> sorted(List<SchemaObject> objects) throws SQLException {
    try (Connection c = source.connect(); Statement s = c.createStatement()) {
      s.execute("SELECT set_config('search_path', '', false)");
      return TestDependencyOrder.sort(c, objects);
    }
  }

  private static void replay(TestDatabase target, List<SchemaObject> objects) throws SQLException {
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      for (SchemaObject o : objects) {
        for (String sql : o.statements()) {
          try {
            s.execute(sql);
          } catch (SQLException e) {
            throw new AssertionError("replaying " + o.key() + " failed: " + sql, e);
          }
        }
      }
    }
  }
}
