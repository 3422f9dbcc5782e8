package io.pgferry.orchestrator;

import io.pgferry.orchestrator.anonymize.PreviewReport;
import io.pgferry.orchestrator.anonymize.ScanReport;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.pipeline.PipelineReport;
import io.pgferry.orchestrator.pipeline.Step;
import io.pgferry.orchestrator.schemasync.SchemaSyncReport;
import io.pgferry.orchestrator.sync.SyncReport;
import io.pgferry.orchestrator.sync.SyncStatusReport;
import io.pgferry.orchestrator.sync.StatusReport;
import io.pgferry.orchestrator.resume.CloneJournal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.SyncMode;
import io.pgferry.loader.SyncResult;
import io.pgferry.loader.SyncState;
import io.pgferry.loader.TableResult;
import io.pgferry.schemadiff.Hazard;
import io.pgferry.schemadiff.SchemaPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every report's {@code --json}: names, SQL and values that are awkward in JSON (quotes, backslashes, control
 * characters, NUL, astral characters, the line and paragraph separators) parse back to exactly what went in,
 * the keys keep their order, and seconds keep three decimals.
 */
class ReportJsonTest {
  private static final String AWKWARD = "q\"uote back\\slash new\nline cr\r tab\t ctl\u0001 nul\u0000 del\u007f emoji 😀 "
      + "ls\u2028 ps\u2029 </script> é";
  private static final ObjectMapper PARSER = new ObjectMapper();

  @Test
  void cloneReport_awkwardStrings_parseBackUnchanged() throws Exception {
    QualifiedName name = QualifiedName.of(AWKWARD, AWKWARD + "2");
    CloneReport report = new CloneReport(AWKWARD, "t" + AWKWARD,
        List.of(new CloneReport.PhaseReport(AWKWARD, 1, 2, 3, 4, Duration.ofMillis(1500))),
        List.of(new TableResult(name, name, 5, 6, Duration.ofNanos(2_000_500_000L), true)), List.of(AWKWARD, ""),
        Duration.ofSeconds(3600), false, null);

    String json = report.toJson();
    JsonNode doc = PARSER.readTree(json);

    assertThat(keys(doc)).containsExactly("source", "target", "dry_run", "elapsed_seconds", "rows", "bytes", "phases", "tables",
        "warnings", "subset");
    assertThat(doc.get("subset").isNull()).as("no subset").isTrue();
    assertThat(doc.get("source").textValue()).isEqualTo(AWKWARD);
    assertThat(doc.get("target").textValue()).isEqualTo("t" + AWKWARD);
    assertThat(doc.get("phases").get(0).get("phase").textValue()).isEqualTo(AWKWARD);
    JsonNode table = doc.get("tables").get(0);
    assertThat(keys(table)).containsExactly("source", "target", "rows", "bytes", "seconds", "transformed");
    assertThat(table.get("source").textValue()).isEqualTo(name.toString());
    assertThat(table.get("transformed").booleanValue()).isTrue();
    assertThat(texts(doc.get("warnings"))).containsExactly(AWKWARD, "");
    assertThat(json).contains("\"elapsed_seconds\":3600.000,", "\"seconds\":1.500}", "\"seconds\":2.001,", "\"rows\":5,\"bytes\":6,");
  }

  @Test
  void syncReport_awkwardStringsAndNulls_parseBackUnchanged() throws Exception {
    QualifiedName name = QualifiedName.of("s", AWKWARD);
    SyncReport report = new SyncReport(AWKWARD, AWKWARD, 7,
        List.of(new SyncResult(name, name, SyncMode.TIMESTAMP, SyncResult.Status.FAILED, 1, 2, 3, 4, AWKWARD, AWKWARD,
            Duration.ofNanos(999_999)),
            new SyncResult(name, null, null, SyncResult.Status.OK, 0, 0, 0, 0, null, null, Duration.ZERO)),
        List.of(AWKWARD), List.of(AWKWARD), Duration.ofMillis(10));

    String json = report.toJson();
    JsonNode doc = PARSER.readTree(json);

    assertThat(keys(doc)).containsExactly("source", "target", "run", "elapsed_seconds", "inserted", "updated", "deleted", "failed",
        "tables", "created", "warnings");
    assertThat(doc.get("source").textValue()).isEqualTo(AWKWARD);
    assertThat(doc.get("failed").intValue()).isEqualTo(1);
    JsonNode failed = doc.get("tables").get(0);
    assertThat(keys(failed)).containsExactly("source", "target", "mode", "status", "inserted", "updated", "deleted", "batches",
        "mark", "seconds", "error");
    assertThat(failed.get("target").textValue()).isEqualTo(name.toString());
    assertThat(failed.get("mark").textValue()).isEqualTo(AWKWARD);
    assertThat(failed.get("error").textValue()).isEqualTo(AWKWARD);
    JsonNode ok = doc.get("tables").get(1);
    assertThat(ok.get("mode").isNull()).isTrue();
    assertThat(ok.get("mark").isNull()).isTrue();
    assertThat(ok.get("error").isNull()).isTrue();
    assertThat(texts(doc.get("created"))).containsExactly(AWKWARD);
    assertThat(texts(doc.get("warnings"))).containsExactly(AWKWARD);
    assertThat(json).contains("\"run\":7,\"elapsed_seconds\":0.010,", "\"seconds\":0.001,", "\"seconds\":0.000,");
  }

  @Test
  void schemaSyncReport_awkwardSqlAndHazards_parseBackUnchanged() throws Exception {
    Hazard hazard = new Hazard(Hazard.Kind.DATA_LOSS, AWKWARD, AWKWARD, true);
    SchemaPlan plan = new SchemaPlan(List.of(new SchemaPlan.Section(AWKWARD,
        List.of(new SchemaPlan.Change("SELECT '" + AWKWARD + "'", AWKWARD, List.of(hazard), false),
            new SchemaPlan.Change("--", "note", List.of(), true)))), java.util.Set.of(), List.of(AWKWARD));
    SchemaSyncReport report = new SchemaSyncReport(AWKWARD, AWKWARD, plan, "script", true, Duration.ofMillis(1));

    String json = report.toJson();
    JsonNode doc = PARSER.readTree(json);

    assertThat(keys(doc)).containsExactly("source", "target", "identical", "applied", "statements", "elapsed_seconds", "changes", "remarks");
    assertThat(doc.get("statements").intValue()).isEqualTo(1);
    assertThat(texts(doc.get("remarks"))).containsExactly(AWKWARD);
    JsonNode change = doc.get("changes").get(0);
    assertThat(keys(change)).containsExactly("section", "sql", "reason", "note", "hazards");
    assertThat(change.get("section").textValue()).isEqualTo(AWKWARD);
    assertThat(change.get("sql").textValue()).isEqualTo("SELECT '" + AWKWARD + "'");
    assertThat(change.get("reason").textValue()).isEqualTo(AWKWARD);
    JsonNode h = change.get("hazards").get(0);
    assertThat(keys(h)).containsExactly("kind", "id", "needs_consent", "detail");
    assertThat(h.get("kind").textValue()).isEqualTo("data-loss");
    assertThat(h.get("id").textValue()).isEqualTo(AWKWARD);
    assertThat(h.get("detail").textValue()).isEqualTo(AWKWARD);
    assertThat(doc.get("changes").get(1).get("note").booleanValue()).isTrue();
    assertThat(json).contains("\"elapsed_seconds\":0.001,");
  }

  @Test
  void scanReport_awkwardNames_parseBackUnchanged() throws Exception {
    ScanReport.Finding finding = new ScanReport.Finding(AWKWARD, AWKWARD, AWKWARD, 1, AWKWARD, "email", "e-mail address", 0.8,
        List.of(AWKWARD, "second"), ScanReport.Coverage.NOT_COPIED, AWKWARD, "{ type: constant, value: \"" + AWKWARD + "\" }",
        AWKWARD);
    ScanReport.Finding bare = new ScanReport.Finding("s", "t", "c", 2, "text", "phone", "phone", 0.955, List.of(), null, null, "hash",
        "x");
    ScanReport report = new ScanReport(AWKWARD, 3, 4, 200, 0.5, true, List.of(finding, bare), List.of(AWKWARD), Duration.ofMillis(2500));

    String json = report.toJson();
    JsonNode doc = PARSER.readTree(json);

    assertThat(keys(doc)).containsExactly("source", "tables", "columns", "sample", "min_confidence", "pipeline", "seconds", "uncovered",
        "findings", "warnings");
    JsonNode f = doc.get("findings").get(0);
    assertThat(keys(f)).containsExactly("schema", "table", "column", "type", "kind", "confidence", "reasons", "coverage", "rule",
        "suggested", "consider");
    for (String key : List.of("schema", "table", "column", "type", "rule", "consider")) {
      assertThat(f.get(key).textValue()).as(key).isEqualTo(AWKWARD);
    }
    assertThat(f.get("suggested").textValue()).isEqualTo(finding.suggested());
    assertThat(texts(f.get("reasons"))).containsExactly(AWKWARD, "second");
    assertThat(f.get("coverage").textValue()).isEqualTo("not_copied");
    assertThat(doc.get("findings").get(1).get("coverage").isNull()).isTrue();
    assertThat(texts(doc.get("warnings"))).containsExactly(AWKWARD);
    assertThat(json).contains("\"min_confidence\":0.50,", "\"seconds\":2.500,", "\"confidence\":0.80,", "\"confidence\":0.96,");
  }

  @Test
  void previewReport_awkwardColumnsAndValues_parseBackUnchanged() throws Exception {
    Map<String, String> transformers = new LinkedHashMap<>();
    transformers.put(AWKWARD, AWKWARD);
    transformers.put("b", "hash");
    List<String> columns = List.of("id", AWKWARD, "b");
    PreviewReport.Row row = new PreviewReport.Row(Arrays.asList("1", AWKWARD, null), Arrays.asList("1", null, AWKWARD));
    PreviewReport report = new PreviewReport(AWKWARD, 1,
        List.of(new PreviewReport.TablePreview(AWKWARD, AWKWARD, columns, List.of("id"), transformers, List.of(row))));

    JsonNode doc = PARSER.readTree(report.toJson());

    assertThat(keys(doc)).containsExactly("source", "rows_per_table", "tables");
    JsonNode t = doc.get("tables").get(0);
    assertThat(keys(t)).containsExactly("table", "where", "keys", "transformers", "rows");
    assertThat(t.get("table").textValue()).isEqualTo(AWKWARD);
    assertThat(t.get("where").textValue()).isEqualTo(AWKWARD);
    assertThat(keys(t.get("transformers"))).containsExactly(AWKWARD, "b");
    assertThat(t.get("transformers").get(AWKWARD).textValue()).isEqualTo(AWKWARD);
    JsonNode before = t.get("rows").get(0).get("before");
    JsonNode after = t.get("rows").get(0).get("after");
    assertThat(keys(before)).containsExactlyElementsOf(columns);
    assertThat(keys(after)).containsExactlyElementsOf(columns);
    assertThat(before.get(AWKWARD).textValue()).isEqualTo(AWKWARD);
    assertThat(before.get("b").isNull()).isTrue();
    assertThat(after.get(AWKWARD).isNull()).isTrue();
    assertThat(after.get("b").textValue()).isEqualTo(AWKWARD);
  }

  @Test
  void statusReport_interruptedCloneAndSyncRows_bothKeysPresent() throws Exception {
    CloneJournal.Status clone = new CloneJournal.Status(AWKWARD, "2026-01-02T03:04:05Z", "load", 10, 4, 20, 9, 1000, 2048, 3);
    JsonNode doc = PARSER.readTree(new StatusReport(clone, List.of()).toJson());
    assertThat(keys(doc)).containsExactly("interrupted_clone", "sync_runs", "follows", "slots");
    assertThat(doc.get("follows").isEmpty()).isTrue();
    assertThat(doc.get("slots").isNull()).as("no --source: slots not asked").isTrue();
    assertThat(keys(doc.get("interrupted_clone"))).containsExactly("source", "started", "phase", "tables", "tables_loaded", "pieces",
        "pieces_done", "rows_copied", "bytes_copied", "seal_statements_done");
    assertThat(doc.get("interrupted_clone").get("source").textValue()).isEqualTo(AWKWARD);
    assertThat(PARSER.readTree(new StatusReport(null, List.of()).toJson()).get("interrupted_clone").isNull()).isTrue();
  }

  @Test
  void syncStatusReport_awkwardNamesAndUnfinishedRun_parseBackUnchanged() throws Exception {
    Instant started = Instant.parse("2026-01-02T03:04:05.123456Z");
    SyncStatusReport report = new SyncStatusReport(List.of(
        new SyncState.TableRow(2, AWKWARD, AWKWARD, "timestamp", "failed", 1, 2, 3, 4, AWKWARD, started, null, AWKWARD),
        new SyncState.TableRow(1, "t", "s", null, "ok", 0, 0, 0, 0, null, started, started.plusSeconds(1), null)));

    JsonNode doc = PARSER.readTree(report.toJson());

    assertThat(doc.isArray()).isTrue();
    JsonNode row = doc.get(0);
    assertThat(keys(row)).containsExactly("run", "table", "source", "mode", "status", "inserted", "updated", "deleted", "batches",
        "mark", "started", "finished", "error");
    for (String key : List.of("table", "source", "mark", "error")) {
      assertThat(row.get(key).textValue()).as(key).isEqualTo(AWKWARD);
    }
    assertThat(row.get("started").textValue()).isEqualTo("2026-01-02T03:04:05.123456Z");
    assertThat(row.get("finished").isNull()).isTrue();
    assertThat(doc.get(1).get("mode").isNull()).isTrue();
    assertThat(doc.get(1).get("finished").textValue()).isEqualTo("2026-01-02T03:04:06.123456Z");
  }

  @Test
  void pipelineReport_stepReports_embeddedAsObjectsInOrder() throws Exception {
    SyncReport sync = new SyncReport(AWKWARD, "t", 1, List.of(), List.of(), List.of(), Duration.ofMillis(1200));
    CloneReport clone = new CloneReport("s", AWKWARD, List.of(), List.of(), List.of(), Duration.ZERO, true, null);
    PipelineReport report = new PipelineReport(List.of(new PipelineReport.StepReport(Step.CLONE, clone.toJson()),
        new PipelineReport.StepReport(Step.SYNC, sync.toJson())));

    String json = report.toJson();
    JsonNode doc = PARSER.readTree(json);

    assertThat(json).startsWith("{\"steps\":[{\"step\":\"clone\",\"report\":{").contains("\"elapsed_seconds\":1.200,");
    assertThat(doc.get("steps").get(0).get("report")).isEqualTo(PARSER.readTree(clone.toJson()));
    assertThat(doc.get("steps").get(1).get("step").textValue()).isEqualTo("sync");
    assertThat(doc.get("steps").get(1).get("report").get("source").textValue()).isEqualTo(AWKWARD);
  }

  private static List<String> keys(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.textValue()));
    return out;
  }
}
