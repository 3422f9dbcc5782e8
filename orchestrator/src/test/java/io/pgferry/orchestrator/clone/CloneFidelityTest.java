package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A clone of the awkward fixture is row-for-row and object-for-object equal to its source. */
class CloneFidelityTest {
  private static TestDatabase source;
  private static TestDatabase target;
  private static CloneReport report;

  @BeforeAll
  static void cloneOnce() {
    source = TestDatabase.create(PostgresServers.source(), "fid_src").executeResource("/io/pgferry/testkit/awkward.sql");
    target = TestDatabase.create(PostgresServers.target(), "fid_dst");
    report = new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
  }

  @AfterAll
  static void drop() {
    source.close();
    target.close();
  }

  @Test
  void clone_awkwardFixture_everyTableRowForRowEqual() {
    List<String> tables = TableDigest.userTables(source);
    assertThat(tables).hasSize(4);
    assertThat(TableDigest.userTables(target)).isEqualTo(tables);
    for (String t : tables) {
      assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
    }
    assertThat(report.rows()).isEqualTo(3 + 4 + 50 + 1000);
  }

  @Test
  void clone_awkwardFixture_catalogEqualIncludingConstraintsIndexesViews() throws SQLException {
    assertThat(normalize(read(target))).isEqualTo(normalize(read(source)));
  }

  @Test
  void clone_identityAndSequences_continueAfterSourceValues() throws SQLException {
    assertThat(target.scalar("SELECT max(\"ID\") FROM \"My Schema\".\"Order Items\"")).isEqualTo("20");
    try (Connection c = target.connect()) {
      // Rolled back so the other tests still see an exact copy.
      c.setAutoCommit(false);
      try (var rs = c.createStatement().executeQuery("INSERT INTO \"My Schema\".\"Order Items\" (\"select\") VALUES ('next') RETURNING \"ID\"")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(25);
      }
      c.rollback();
    }
    assertThat(target.scalar("SELECT nextval('\"My Schema\".\"odd seq\"')"))
        .isEqualTo(String.valueOf(Long.parseLong(source.scalar("SELECT last_value FROM \"My Schema\".\"odd seq\"")) + 7 * 2));
    assertThat(target.scalar("SELECT nextval('\"My Schema\".\"Parent Table_id_seq\"')")).isEqualTo("51");
  }

  @Test
  void clone_generatedColumn_recomputedNotCopied() {
    assertThat(target.query("SELECT price, total FROM \"My Schema\".\"Order Items\" WHERE price IS NOT NULL ORDER BY 1"))
        .isEqualTo(source.query("SELECT price, total FROM \"My Schema\".\"Order Items\" WHERE price IS NOT NULL ORDER BY 1"));
  }

  @Test
  void clone_report_namesEveryPhaseAndTable() {
    assertThat(report.phases()).extracting(CloneReport.PhaseReport::phase).containsExactly("extract", "base", "load", "seal");
    assertThat(report.tables()).hasSize(4);
    assertThat(report.toJson()).contains("\"phase\":\"seal\"", "\"target\":\"My Schema.Order Items\"");
  }

  static Catalog read(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      return CatalogReader.read(c);
    }
  }

  static Catalog normalize(Catalog c) {
    return c.structure();
  }

}
