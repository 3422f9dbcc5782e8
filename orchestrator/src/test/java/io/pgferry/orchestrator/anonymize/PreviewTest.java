package io.pgferry.orchestrator.anonymize;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;
import io.pgferry.orchestrator.pipeline.Pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.Sql;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code preview} shows what a clone writes: its "after" rows equal the target's rows after a real clone
 * with the same pipeline, it honours row filters, and it never touches the target.
 */
class PreviewTest {
  private static final String SALT = "preview-salt-Q9x2";
  private static final String RULES = """
      salt: ${SALT}
      tables:
        tickets: { where: "priority = 1" }
      transforms:
        customers.e_mail: { type: hash, length: 20 }
        customers.vorname: set_null
        customers.telefonnummer: { type: constant, value: "000" }
        public."Clients"."nomDeFamille": hash
        tickets.contact: { type: hash, encoding: base64 }
      """;
  private static final Path HOME = Path.of("/nonexistent-home");

  private static TestDatabase source;

  @BeforeAll
  static void plant() {
    source = TestDatabase.create(PostgresServers.source(), "preview_src").executeResource("/io/pgferry/testkit/pii.sql");
  }

  @AfterAll
  static void drop() {
    source.close();
  }

  private static Pipeline pipeline(String targetUrl) {
    return PipelineParser.parse("source: ${SRC}\ntarget: ${DST}\n" + RULES, "preview.yaml",
        Map.of("SRC", source.url(), "DST", targetUrl, "SALT", SALT));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void preview_samePipelineAsClone_afterRowsEqualWhatTheCloneWrote() {
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "preview_dst")) {
      Pipeline p = pipeline(target.url());
      new CloneRunner(RunListener.SILENT).run(Pipelines.toCloneOptions(p, Map.of(), HOME));
      PreviewReport report = Previewer.preview(p, Map.of(), HOME, List.of(), 50, true);

      assertThat(report.tables()).extracting(PreviewReport.TablePreview::table)
          .containsExactlyInAnyOrder("public.customers", "public.\"Clients\"", "public.tickets");
      int compared = 0;
      for (PreviewReport.TablePreview t : report.tables()) {
        Map<List<String>, List<String>> written = rowsByKey(target, t);
        assertThat(t.rows()).isNotEmpty();
        for (PreviewReport.Row r : t.rows()) {
          List<String> key = keyOf(t, r.before());
          assertThat(keyOf(t, r.after())).isEqualTo(key);
          assertThat(r.after()).as("%s row %s", t.table(), key).isEqualTo(written.get(key));
          compared++;
        }
      }
      assertThat(compared).isEqualTo(40 + 30 + 6);
    }
  }

  @Test
  void preview_transformedColumns_changedAndOthersUntouched() throws IOException {
    PreviewReport report = Previewer.preview(pipeline("postgresql://u@127.0.0.1:" + closedPort() + "/nowhere"), Map.of(), HOME,
        List.of("customers"), 5, false);
    PreviewReport.TablePreview t = report.tables().get(0);
    assertThat(t.columns()).containsExactly("id", "e_mail", "vorname", "telefonnummer");
    assertThat(t.keys()).containsExactly("id");
    assertThat(t.transformers()).containsExactly(Map.entry("e_mail", "hash"), Map.entry("vorname", "set_null"),
        Map.entry("telefonnummer", "constant"));
    assertThat(t.rows()).hasSize(5).allSatisfy(r -> {
      assertThat(r.before().get(1)).endsWith("@example.de");
      assertThat(r.after().get(1)).matches("[0-9a-f]{20}");
      assertThat(r.before().get(2)).isNotNull();
      assertThat(r.after().get(2)).isNull();
      assertThat(r.after().get(3)).isEqualTo("000");
    });
  }

  @Test
  void preview_tableWithWhere_onlyRowsTheFilterKeeps() throws IOException {
    PreviewReport report = Previewer.preview(pipeline("postgresql://u@127.0.0.1:" + closedPort() + "/nowhere"), Map.of(), HOME,
        List.of("tickets"), 10, true);
    PreviewReport.TablePreview t = report.tables().get(0);
    assertThat(t.where()).isEqualTo("priority = 1");
    int priority = t.columns().indexOf("priority");
    assertThat(t.rows()).hasSize(6).allSatisfy(r -> assertThat(r.before().get(priority)).isEqualTo("1"));
  }

  @Test
  void preview_unreachableTarget_succeedsWithoutConnectingAndNeverShowsTheSalt() throws IOException {
    PreviewReport report = Previewer.preview(pipeline("postgresql://u@127.0.0.1:" + closedPort() + "/nowhere"), Map.of(), HOME,
        List.of(), 10, true);
    assertThat(report.tables()).hasSize(3);
    assertThat(report.render()).doesNotContain(SALT).contains("->");
    assertThat(report.toJson()).doesNotContain(SALT);
  }

  @Test
  void preview_tableNotTransformed_schemaError() throws IOException {
    Pipeline p = pipeline("postgresql://u@127.0.0.1:" + closedPort() + "/nowhere");
    assertThatThrownBy(() -> Previewer.preview(p, Map.of(), HOME, List.of("products"), 10, false))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA))
        .hasMessageContaining("no transformed table matches products");
  }

  private static List<String> keyOf(PreviewReport.TablePreview t, List<String> values) {
    List<String> key = new ArrayList<>();
    t.keys().forEach(k -> key.add(values.get(t.columns().indexOf(k))));
    return key;
  }

  /** The target's rows of the previewed columns in the types' output form (as COPY prints them: booleans t/f), by key. */
  private static Map<List<String>, List<String>> rowsByKey(TestDatabase target, PreviewReport.TablePreview t) {
    String table = t.table();
    List<String> select = t.columns().stream().map(c -> "CASE WHEN " + Sql.ident(c) + " IS NOT NULL THEN format('%s', " + Sql.ident(c) + ") END").toList();
    Map<List<String>, List<String>> out = new HashMap<>();
    for (List<String> row : target.query("SELECT " + String.join(", ", select) + " FROM " + table)) {
      out.put(keyOf(t, row), row);
    }
    return out;
  }
}
