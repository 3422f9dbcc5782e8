package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operators, operator classes and families, casts, text search objects, extended statistics and
 * conversions: read from the fixture, written as DDL, replayed on an empty database (also under another
 * schema name), and compared with snapshots the server prints alone.
 */
class OperatorObjectsReaderTest {
  private static final String FIXTURE = "/io/pgferry/testkit/operators.sql";
  private static final String SCHEMA = "Ops ☺";
  private static TestDatabase source;

  @BeforeAll
  static void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "ops_src").executeResource(FIXTURE);
  }

  @AfterAll
  static void tearDown() {
    source.close();
  }

  @Test
  void replay_operatorFixture_yieldsIdenticalSnapshot() throws SQLException {
    Catalog catalog = read(source);
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "ops_dst")) {
      DdlWriter ddl = new DdlWriter(SchemaMap.identity());
      replay(target, ddl.base(catalog));
      replay(target, ddl.seal(catalog));

      Map<String, List<String>> expected = SchemaSnapshot.of(source, SCHEMA);
      assertThat(SchemaSnapshot.of(target, SCHEMA)).isEqualTo(expected);
      assertThat(expected.get("operators")).hasSize(6);
      assertThat(expected.get("operator classes")).hasSize(2);
      assertThat(expected.get("operator families")).hasSize(3);
      assertThat(expected.get("casts")).hasSize(4);
      assertThat(expected.get("text search configurations")).hasSize(2);
      assertThat(expected.get("text search dictionaries")).hasSize(2);
      assertThat(expected.get("statistics")).hasSize(2);
      assertThat(expected.get("conversions")).hasSize(2);
      assertThat(expected.get("object comments")).hasSize(7);
      assertThat(expected.get("indexes")).hasSize(5);
    }
  }

  @Test
  void replay_schemaMapped_yieldsSameSnapshotUnderTheNewName() throws SQLException {
    Catalog catalog = read(source);
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "ops_map")) {
      DdlWriter ddl = new DdlWriter(SchemaMap.of(Map.of(SCHEMA, "moved")));
      replay(target, ddl.base(catalog));
      replay(target, ddl.seal(catalog));

      // Index and function definitions print their own schema's name; everything else must match.
      Map<String, List<String>> moved = new java.util.TreeMap<>(SchemaSnapshot.of(target, "moved"));
      Map<String, List<String>> expected = new java.util.TreeMap<>(SchemaSnapshot.of(source, SCHEMA));
      moved.keySet().removeAll(List.of("indexes", "routines"));
      expected.keySet().removeAll(List.of("indexes", "routines"));
      assertThat(moved).isEqualTo(expected);
      assertThat(target.scalar("SELECT count(*) FROM pg_index WHERE indexrelid::regclass::text LIKE 'moved.docs_%'")).isEqualTo("5");
      assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'Ops ☺'")).isEqualTo("0");
    }
  }

  @Test
  void read_operatorFixture_keysAndStatements() throws SQLException {
    List<SchemaObject> objects = read(source).objects();
    assertThat(statements(objects, "operator", SCHEMA, "<#")).containsExactly(
        "CREATE OPERATOR \"Ops ☺\".<# (FUNCTION = \"Ops ☺\".pair_lt, LEFTARG = \"Ops ☺\".pair, RIGHTARG = \"Ops ☺\".pair,"
            + " COMMUTATOR = OPERATOR(\"Ops ☺\".>#), NEGATOR = OPERATOR(\"Ops ☺\".>=#), RESTRICT = scalarltsel, JOIN = scalarltjoinsel)");
    assertThat(statements(objects, "operator family", "hash", SCHEMA, "loose_text")).containsExactly(
        "CREATE OPERATOR FAMILY \"Ops ☺\".\"loose_text\" USING \"hash\"",
        "ALTER OPERATOR FAMILY \"Ops ☺\".\"loose_text\" USING \"hash\" ADD OPERATOR 1 =(text,text), FUNCTION 1 (text, text) hashtext(text)");
    assertThat(statements(objects, "operator class", "btree", SCHEMA, "rev_text_ops")).containsExactly(
        "CREATE OPERATOR CLASS \"Ops ☺\".\"rev_text_ops\" FOR TYPE text USING \"btree\" FAMILY \"Ops ☺\".\"rev_text_ops\" AS"
            + " OPERATOR 1 >(text,text), OPERATOR 2 >=(text,text), OPERATOR 3 =(text,text), OPERATOR 4 <=(text,text),"
            + " OPERATOR 5 <(text,text), FUNCTION 1 (text, text) \"Ops ☺\".rev_cmp(text,text)");
    // json is a keyword from PostgreSQL 16 on: quoted there, bare on 14 and 15.
    assertThat(statements(objects, "cast", "\"Ops ☺\".b64")).containsExactly(
        "CREATE CAST (\"Ops ☺\".b64 AS json) WITH FUNCTION \"Ops ☺\"." + source.scalar("SELECT quote_ident('json')")
            + "(\"Ops ☺\".b64) AS IMPLICIT");
    assertThat(statements(objects, "cast", "pg_catalog.xid")).containsExactly("CREATE CAST (xid AS integer) WITHOUT FUNCTION");
    assertThat(statements(objects, "cast", "pg_catalog.text")).containsExactly("CREATE CAST (text AS \"Ops ☺\".pair) WITH INOUT AS ASSIGNMENT");
    assertThat(statements(objects, "text search dictionary", SCHEMA, "mb_simple_dict")).containsExactly(
        "CREATE TEXT SEARCH DICTIONARY \"Ops ☺\".\"mb_simple_dict\" (TEMPLATE = \"pg_catalog\".\"simple\", stopwords = 'english', accept = 'false')");
    assertThat(statements(objects, "text search configuration", SCHEMA, "own_cfg")).containsExactly(
        "CREATE TEXT SEARCH CONFIGURATION \"Ops ☺\".\"own_cfg\" (PARSER = \"Ops ☺\".\"prs\")",
        "ALTER TEXT SEARCH CONFIGURATION \"Ops ☺\".\"own_cfg\" ADD MAPPING FOR \"asciiword\" WITH \"Ops ☺\".\"Own dict\"",
        "ALTER TEXT SEARCH CONFIGURATION \"Ops ☺\".\"own_cfg\" ADD MAPPING FOR \"word\" WITH \"Ops ☺\".\"Own dict\"");
    assertThat(statements(objects, "conversion", SCHEMA, "latin1_to_utf8")).containsExactly(
        "CREATE DEFAULT CONVERSION \"Ops ☺\".\"latin1_to_utf8\" FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8");
    SchemaObject stats = objects.stream().filter(o -> o.key().equals(new ObjectKey("statistics object", List.of(SCHEMA, "docs_ab"), List.of())))
        .findFirst().orElseThrow();
    assertThat(stats.phase()).isEqualTo(SchemaObject.Phase.SEAL);
    assertThat(stats.statements()).containsExactly(
        "CREATE STATISTICS \"Ops ☺\".docs_ab ON a, b FROM \"Ops ☺\".docs",
        "ALTER STATISTICS \"Ops ☺\".\"docs_ab\" SET STATISTICS 500");
  }

  @Test
  void replay_withOwners_ownersOfEveryNewKindAreSetAndReplay() throws SQLException {
    Catalog catalog;
    try (Connection c = source.connect()) {
      catalog = CatalogReader.read(c, false, true);
    }
    String owner = source.scalar("SELECT quote_ident(current_user)");
    List<String> owners = catalog.objects().stream().filter(o -> o.key().type().equals("owner"))
        .flatMap(o -> o.statements().stream()).toList();
    assertThat(owners).contains(
        "ALTER OPERATOR \"Ops ☺\".<#(\"Ops ☺\".pair,\"Ops ☺\".pair) OWNER TO \"" + owner + "\"",
        "ALTER OPERATOR CLASS \"Ops ☺\".pair_sum_ops USING btree OWNER TO \"" + owner + "\"",
        "ALTER OPERATOR FAMILY \"Ops ☺\".loose_text USING hash OWNER TO \"" + owner + "\"",
        "ALTER TEXT SEARCH CONFIGURATION \"Ops ☺\".mb_simple OWNER TO \"" + owner + "\"",
        "ALTER STATISTICS \"Ops ☺\".docs_ab OWNER TO \"" + owner + "\"",
        "ALTER CONVERSION \"Ops ☺\".latin9_to_utf8 OWNER TO \"" + owner + "\"");
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "ops_own")) {
      DdlWriter ddl = new DdlWriter(SchemaMap.identity());
      replay(target, ddl.base(catalog));
      replay(target, ddl.seal(catalog));
      assertThat(target.scalar("SELECT count(*) FROM pg_description WHERE objoid >= 16384")).isEqualTo("7");
    }
  }

  @Test
  void read_extensionMembersAndSystemObjects_areSkipped() throws SQLException {
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "ops_member")) {
      db.execute("CREATE EXTENSION citext");
      assertThat(read(db).objects()).extracting(o -> o.key().type())
          .doesNotContain("operator", "operator class", "operator family", "cast", "conversion", "text search configuration",
              "text search dictionary", "text search parser", "text search template", "statistics object");
    }
  }

  private static void replay(TestDatabase db, List<SqlStatement> statements) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (SqlStatement st : statements) {
        try {
          s.execute(st.sql());
        } catch (SQLException e) {
          throw new AssertionError(st.sql() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private static List<String> statements(List<SchemaObject> objects, String type, String... names) {
    return objects.stream().filter(o -> o.key().type().equals(type) && o.key().names().equals(List.of(names)))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " " + List.of(names))).statements();
  }

  private static Catalog read(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      return CatalogReader.read(c);
    }
  }
}
