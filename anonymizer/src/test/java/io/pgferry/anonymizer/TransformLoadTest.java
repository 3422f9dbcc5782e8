package io.pgferry.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.Column;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.loader.LoadException;
import io.pgferry.loader.LoadReport;
import io.pgferry.loader.Loader;
import io.pgferry.loader.RowTransformer;
import io.pgferry.loader.TableLoad;
import io.pgferry.loader.TestTables;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transformers applied while streaming, checked against the real servers. */
class TransformLoadTest {
  private static final byte[] SALT = "s3cret salt".getBytes(StandardCharsets.UTF_8);
  private static final String PEOPLE = """
      CREATE TABLE people (id int PRIMARY KEY, email text NOT NULL, nick varchar(10), code char(8), note text,
        age int, city text);
      CREATE TABLE accounts (id int PRIMARY KEY, owner_email text)""";

  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "transform_src");
    dst = TestDatabase.create(PostgresServers.target(), "transform_dst");
    src.execute(PEOPLE);
    TestTables.prepareTarget(dst, PEOPLE);
    src.execute("""
        INSERT INTO people SELECT g, 'user' || g || E'@example.com', 'n' || g, 'c' || g, E'tab\\there ' || g, g % 90,
          CASE WHEN g % 3 = 0 THEN NULL ELSE E'ci\\\\ty\\n' || g END FROM generate_series(1, 500) g;
        INSERT INTO accounts SELECT g, 'user' || (g * 2) || '@example.com' FROM generate_series(1, 200) g""");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private Table table(String name) {
    return TestTables.read(src, QualifiedName.of("public", name));
  }

  private static RowTransformer transformer(Table table, String column, String name, Map<String, Object> options) {
    Column c = table.column(column).orElseThrow();
    return Transformers.create(new TransformerSpec(name, options), c, SALT);
  }

  private TableLoad peopleLoad() {
    Table people = table("people");
    return new TableLoad(people, null, null, Map.of(
        "email", transformer(people, "email", "hash", Map.of()),
        "nick", transformer(people, "nick", "hash", Map.of()),
        "code", transformer(people, "code", "hash", Map.of("length", 4, "encoding", "base64")),
        "note", transformer(people, "note", "constant", Map.of("value", "redacted\twith tab")),
        "age", transformer(people, "age", "set_null", Map.of())));
  }

  private LoadReport load(TableLoad... loads) {
    return Loader.builder().source(src::connect).target(dst::connect).build().load(List.of(loads));
  }

  private static Map<String, String> column(TestDatabase db, String table, String column) {
    Map<String, String> byId = new HashMap<>();
    db.query("SELECT id, " + column + " FROM " + table).forEach(r -> byId.put(r.get(0), r.get(1)));
    return byId;
  }

  @Test
  void load_builtInTransformers_changeOnlyConfiguredColumns() throws Exception {
    LoadReport report = load(peopleLoad());

    assertThat(report.tables().get(0).transformed()).isTrue();
    assertThat(report.rows()).isEqualTo(500);
    src.execute("CREATE TABLE untouched AS SELECT id, city FROM people");
    dst.execute("CREATE TABLE untouched AS SELECT id, city FROM people");
    assertThat(TableDigest.of(dst, "untouched")).isEqualTo(TableDigest.of(src, "untouched"));

    Map<String, String> emails = column(src, "people", "email");
    Map<String, String> hashed = column(dst, "people", "email");
    Map<String, String> nicks = column(dst, "people", "nick");
    for (Map.Entry<String, String> e : emails.entrySet()) {
      String expected = TransformersTest.hmacHex(SALT, e.getValue());
      assertThat(hashed.get(e.getKey())).isEqualTo(expected);
    }
    assertThat(nicks.values()).allSatisfy(n -> assertThat(n).hasSize(10).matches("[0-9a-f]+"));
    assertThat(dst.query("SELECT DISTINCT note, age IS NULL, octet_length(code), length(rtrim(code)) FROM people"))
        .containsExactly(List.of("redacted\twith tab", "t", "8", "4"));
  }

  @Test
  void load_hash_deterministicAcrossTablesAndRuns() {
    Table accounts = table("accounts");
    TableLoad accountsLoad = new TableLoad(accounts, null, null,
        Map.of("owner_email", transformer(accounts, "owner_email", "hash", Map.of())));
    load(peopleLoad(), accountsLoad);

    // every account's hashed owner still matches the hashed email of the same person
    assertThat(dst.scalar("SELECT count(*) FROM accounts a JOIN people p ON p.email = a.owner_email")).isEqualTo("200");
    TableDigest first = TableDigest.of(dst, "people");

    dst.execute("TRUNCATE people, accounts");
    load(peopleLoad(), accountsLoad);
    assertThat(TableDigest.of(dst, "people")).isEqualTo(first);
  }

  @Test
  void load_hashOnBoundedVarchar_fitsTheDeclaredLength() {
    src.execute("CREATE TABLE narrow (id int, tag varchar(5))");
    dst.execute("CREATE TABLE narrow (id int, tag varchar(5))");
    src.execute("INSERT INTO narrow SELECT g, 't' || g FROM generate_series(1, 50) g");
    Table narrow = table("narrow");
    load(new TableLoad(narrow, null, null, Map.of("tag", transformer(narrow, "tag", "hash", Map.of("length", 128)))));
    assertThat(dst.scalar("SELECT max(length(tag)) FROM narrow")).isEqualTo("5");
    assertThat(dst.scalar("SELECT count(DISTINCT tag) FROM narrow")).isEqualTo("50");
  }

  @Test
  void load_rowValue_seesOriginalValuesOfOtherColumns() {
    Table people = table("people");
    TableLoad load = new TableLoad(people, null, null, Map.of(
        "email", (v, row) -> "x",
        "note", (v, row) -> row.value("email") + "|" + row.value("city") + "|" + row.value("id")));
    load(load);
    assertThat(dst.scalar("SELECT note FROM people WHERE id = 2")).isEqualTo("user2@example.com|ci\\ty\n2|2");
    assertThat(dst.scalar("SELECT note FROM people WHERE id = 3")).isEqualTo("user3@example.com|null|3");
    assertThat(dst.scalar("SELECT DISTINCT email FROM people")).isEqualTo("x");
  }

  @Test
  void load_failingTransformer_throwsTransformNamingColumnAndRollsBack() {
    Table people = table("people");
    TableLoad load = new TableLoad(people, null, null, Map.of("nick", (v, row) -> {
      if (v.equals("n250")) {
        throw new IllegalStateException("cannot handle this one");
      }
      return v;
    }));
    assertThatThrownBy(() -> load(load)).isInstanceOfSatisfying(LoadException.class, e -> {
      assertThat(e.reason()).isEqualTo(LoadException.Reason.TRANSFORM);
      assertThat(e.table()).isEqualTo(QualifiedName.of("public", "people"));
    }).hasMessageContaining("\"nick\"").hasMessageContaining("cannot handle this one").hasMessageNotContaining("n250");
    assertThat(dst.scalar("SELECT count(*) FROM people")).isEqualTo("0");
  }

  /**
   * Every copied column of the awkward fixture goes through the decoder and encoder: the values a
   * transformer sees must be exactly the server's text form, and writing them back must reproduce the table.
   */
  @Test
  void load_passThroughTransformerOnEveryAwkwardColumn_seesServerTextAndReproducesTables() {
    String ddl = TestDatabase.resource("/io/pgferry/testkit/awkward.sql");
    src.execute(ddl);
    TestTables.prepareTarget(dst, ddl + ";" + PEOPLE.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS "));
    Map<String, ConcurrentLinkedQueue<String>> seen = new ConcurrentHashMap<>();
    List<TableLoad> loads = new ArrayList<>();
    for (Table t : TestTables.readAll(src)) {
      Map<String, RowTransformer> all = new HashMap<>();
      for (Column c : t.copiedColumns()) {
        String key = t.name().quoted() + "." + Sql.ident(c.name());
        ConcurrentLinkedQueue<String> values = seen.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        all.put(c.name(), (v, row) -> {
          values.add(Objects.requireNonNullElse(v, "<NULL>"));
          return v;
        });
      }
      loads.add(new TableLoad(t, null, null, all));
    }

    load(loads.toArray(TableLoad[]::new));

    for (String t : TableDigest.userTables(src)) {
      assertThat(TableDigest.of(dst, t)).as(t).isEqualTo(TableDigest.of(src, t));
    }
    seen.forEach((key, values) -> {
      int dot = key.lastIndexOf(".\"");
      String table = key.substring(0, dot);
      String col = key.substring(dot + 1);
      // concat() prints with the type's output function, like COPY (a ::text cast would trim char(n))
      List<String> expected = src.query("SELECT CASE WHEN " + col + " IS NOT NULL THEN concat(" + col + ") END FROM ONLY " + table).stream()
          .map(r -> Objects.requireNonNullElse(r.get(0), "<NULL>")).sorted().toList();
      assertThat(values.stream().sorted().toList()).as(key).isEqualTo(expected);
    });
  }
}
