package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Extract, write DDL, replay it elsewhere, extract again: the two models must agree. */
class CatalogRoundTripTest {
  private static TestDatabase source;

  @BeforeAll
  static void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "rt_src").executeResource("/io/pgferry/testkit/awkward.sql");
  }

  @AfterAll
  static void tearDown() {
    source.close();
  }

  @Test
  void replay_awkwardSchema_yieldsEqualCatalog() throws SQLException {
    Catalog original = read(source);
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "rt_dst")) {
      DdlWriter ddl = new DdlWriter(SchemaMap.identity());
      replay(target, ddl.base(original));
      replay(target, ddl.seal(original));
      assertThat(normalize(read(target))).isEqualTo(normalize(original));
    }
  }

  @Test
  void replay_wavesWithIndependentPartsReversed_yieldsEqualCatalog() throws SQLException {
    Catalog original = read(source);
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "rt_waves")) {
      DdlWriter ddl = new DdlWriter(SchemaMap.identity());
      // what several connections may do: a wave's independent units in any order, each wave after the one before
      List<SqlStatement> statements = new java.util.ArrayList<>();
      for (DdlWriter.Wave w : ddl.baseWaves(original)) {
        statements.addAll(w.inOrder());
        java.util.List<List<SqlStatement>> units = new java.util.ArrayList<>(w.independent());
        java.util.Collections.reverse(units);
        units.forEach(statements::addAll);
      }
      assertThat(statements).containsExactlyInAnyOrderElementsOf(ddl.base(original)).isNotEqualTo(ddl.base(original));
      replay(target, statements);
      replay(target, ddl.seal(original));
      assertThat(normalize(read(target))).isEqualTo(normalize(original));
    }
  }

  @Test
  void read_awkwardSchema_findsEveryObjectKindOfTheFixture() throws SQLException {
    Catalog c = read(source);
    assertThat(c.schemas()).contains("My Schema", "public");
    assertThat(c.enums()).singleElement().satisfies(e -> assertThat(e.labels()).containsExactly("sad", "ok", "happy ☺", "it's"));
    assertThat(c.sequences()).extracting(s -> s.name().name()).containsExactlyInAnyOrder("odd seq", "Parent Table_id_seq");
    Sequence odd = c.sequences().stream().filter(s -> s.name().name().equals("odd seq")).findFirst().orElseThrow();
    assertThat(odd.options().increment()).isEqualTo(7);
    assertThat(odd.lastValue()).isEqualTo(121L);
    assertThat(odd.ownedByColumn()).isEqualTo("seq_val");
    Table items = c.table(QualifiedName.of("My Schema", "Order Items")).orElseThrow();
    Column id = items.column("ID").orElseThrow();
    assertThat(id.identity().always()).isTrue();
    assertThat(id.identity().options().start()).isEqualTo(10);
    assertThat(items.column("total").orElseThrow().generated()).isTrue();
    assertThat(items.copiedColumns()).extracting(Column::name).doesNotContain("total").contains("ID");
    assertThat(items.column("Mood").orElseThrow().type()).isEqualTo("\"My Schema\".\"Mood\"");
    assertThat(items.column("seq_val").orElseThrow().defaultExpr()).isEqualTo("nextval('\"My Schema\".\"odd seq\"'::regclass)");
    assertThat(c.table(QualifiedName.of("public", "user")).orElseThrow().primaryKey()).isEmpty();
    Table child = c.table(QualifiedName.of("My Schema", "child")).orElseThrow();
    assertThat(child.constraints()).singleElement().satisfies(fk -> {
      assertThat(fk.kind()).isEqualTo(Constraint.Kind.FOREIGN_KEY);
      assertThat(fk.references()).isEqualTo(QualifiedName.of("My Schema", "Parent Table"));
    });
    assertThat(child.indexes()).extracting(Index::name).containsExactly("child idx ☺");
    assertThat(c.views()).extracting(v -> v.name().name()).containsExactly("Parent View", "view_on_view");
    View onView = c.views().stream().filter(v -> v.name().name().equals("view_on_view")).findFirst().orElseThrow();
    assertThat(onView.dependsOn()).containsExactly(QualifiedName.of("My Schema", "Parent View"));
    assertThat(c.views().get(0).dependsOn()).containsExactlyInAnyOrder(QualifiedName.of("My Schema", "Parent Table"),
        QualifiedName.of("My Schema", "child"));
    assertThat(id.identity().lastValue()).isEqualTo(20L);
    assertThat(DdlWriter.viewsInDependencyOrder(List.of(onView, c.views().get(0)))).extracting(v -> v.name().name())
        .containsExactly("Parent View", "view_on_view");
  }

  @Test
  void replay_intoMappedSchemas_yieldsSameObjectsUnderNewNames() throws SQLException {
    Catalog original = read(source);
    SchemaMap map = SchemaMap.of(Map.of("My Schema", "Cloned \"Schema\"", "public", "migrated"));
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "rt_map")) {
      DdlWriter ddl = new DdlWriter(map);
      replay(target, ddl.base(original));
      replay(target, ddl.seal(original));
      Catalog cloned = read(target);
      SchemaMap back = SchemaMap.of(Map.of("Cloned \"Schema\"", "My Schema", "migrated", "public"));
      // the target database's own public schema keeps its own settings (comment, grants): they are not the clone's
      Catalog mappedBack = normalize(withoutOwnPublic(cloned));
      // Untouched public schema stays empty in the target: nothing was created there.
      assertThat(target.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"))
          .isEqualTo("0");
      assertThat(new DdlWriter(back).base(mappedBack).stream().map(SqlStatement::sql).filter(s -> !s.startsWith("CREATE SCHEMA")).toList())
          .isEqualTo(new DdlWriter(SchemaMap.identity()).base(normalize(original)).stream().map(SqlStatement::sql)
              .filter(s -> !s.startsWith("CREATE SCHEMA")).toList());
      // mapping a schema name back writes it quoted ("public"), which the original prints bare
      assertThat(new DdlWriter(back).seal(mappedBack).stream().map(SqlStatement::sql).map(q -> q.replace("SCHEMA \"public\"", "SCHEMA public"))
          .toList())
          .isEqualTo(new DdlWriter(SchemaMap.identity()).seal(normalize(original)).stream().map(SqlStatement::sql).toList());
    }
  }

  static Catalog read(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      return CatalogReader.read(c);
    }
  }

  static void replay(TestDatabase db, List<SqlStatement> statements) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (SqlStatement st : statements) {
        s.execute(st.sql());
      }
    }
  }

  /** Without the settings (comment, grants) of the database's own {@code public} schema. */
  static Catalog withoutOwnPublic(Catalog c) {
    return new Catalog(c.serverVersionNum(), c.schemas(), c.enums(), c.sequences(), c.tables(), c.views(), c.objects().stream()
        .filter(o -> !(o.key().names().size() == 2 && o.key().names().get(0).equals("schema") && o.key().names().get(1).equals("public")))
        .toList(), c.dependencies());
  }

  /** Drops what legitimately differs after a replay; the public schema always exists in both. */
  static Catalog normalize(Catalog c) {
    Catalog s = c.structure();
    return new Catalog(0, s.schemas().stream().filter(x -> !x.equals("public")).toList(), s.enums(), s.sequences(), s.tables(), s.views(),
        s.objects(), s.dependencies());
  }

}
