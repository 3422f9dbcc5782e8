package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The preview entry point: the loader's rewrite of the first rows, decoded, without a target. */
class PreviewsTest {
  private static final String DDL = "CREATE TABLE notes (id int PRIMARY KEY, body text, tag text, n int)";
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "previews_src").execute(DDL).execute("""
        INSERT INTO notes SELECT g, E'line\\none\\ttab \\\\ ' || g, CASE WHEN g % 2 = 0 THEN NULL ELSE 't' || g END, g
        FROM generate_series(1, 100) g""");
    dst = TestDatabase.create(PostgresServers.target(), "previews_dst");
    TestTables.prepareTarget(dst, DDL);
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private TableLoad load(String where) {
    Table t = TestTables.read(src, new QualifiedName("public", "notes"));
    RowTransformer upper = (v, row) -> v == null ? "was null, n=" + row.value("n") : v.toUpperCase(java.util.Locale.ROOT);
    return new TableLoad(t, null, where, Map.of("body", upper, "tag", upper));
  }

  @Test
  void preview_escapesNullsAndFilter_decodedBeforeAndAfterEqualToWhatALoadWrites() {
    TableLoad load = load("n % 10 = 3");
    TablePreview p = Previews.preview(src::connect, null, load, 5);
    assertThat(p.columns()).containsExactly("id", "body", "tag", "n");
    assertThat(p.rows()).hasSize(5).allSatisfy(r -> assertThat(Integer.parseInt(r.before().get(3)) % 10).isEqualTo(3));
    TablePreview.Row first = p.rows().get(0);
    assertThat(first.before()).containsExactly("3", "line\none\ttab \\ 3", "t3", "3");
    assertThat(first.after()).containsExactly("3", "LINE\nONE\tTAB \\ 3", "T3", "3");

    Loader.builder().source(src::connect).target(dst::connect).build().load(List.of(load));
    Map<String, List<String>> written = new HashMap<>();
    dst.query("SELECT id::text, body, tag, n::text FROM notes").forEach(r -> written.put(r.get(0), r));
    p.rows().forEach(r -> assertThat(r.after()).isEqualTo(written.get(r.before().get(0))));
  }

  @Test
  void preview_nullTurnedIntoText_rowValuesSeenByTransformer() {
    TablePreview p = Previews.preview(src::connect, null, load("id = 4"), 10);
    assertThat(p.rows()).singleElement().satisfies(r -> {
      assertThat(r.before().get(2)).isNull();
      assertThat(r.after().get(2)).isEqualTo("was null, n=4");
    });
  }

  @Test
  void preview_rowsOutOfRange_configError() {
    assertThatThrownBy(() -> Previews.preview(src::connect, null, load(null), 0))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.reason()).isEqualTo(LoadException.Reason.CONFIG));
  }
}
