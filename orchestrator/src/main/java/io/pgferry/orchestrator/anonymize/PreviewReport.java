package io.pgferry.orchestrator.anonymize;

import io.pgferry.orchestrator.Reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code pgferry preview} shows: per transformed table, sample rows before and after. */
public record PreviewReport(String source, int rowsPerTable, List<TablePreview> tables) {
  private static final int MAX_SHOWN = 60;

  public PreviewReport {
    tables = List.copyOf(tables);
  }

  /**
   * @param table {@code schema.table}, parts quoted only where needed
   * @param where the table's row filter, or null
   * @param columns the columns shown, in table order
   * @param keys the key columns among them (primary key, else first unique constraint)
   * @param transformers transformed column to transformer name
   */
  public record TablePreview(String table, String where, List<String> columns, List<String> keys, Map<String, String> transformers,
      List<Row> rows) {
    public TablePreview {
      columns = List.copyOf(columns);
      keys = List.copyOf(keys);
      transformers = Collections.unmodifiableMap(new LinkedHashMap<>(transformers));
      rows = List.copyOf(rows);
    }
  }

  /** Values of the shown columns, in their order; null is SQL NULL. */
  public record Row(List<String> before, List<String> after) {
    public Row {
      before = Collections.unmodifiableList(new ArrayList<>(before));
      after = Collections.unmodifiableList(new ArrayList<>(after));
    }
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    if (tables.isEmpty()) {
      return "the pipeline transforms no table\n";
    }
    for (TablePreview t : tables) {
      sb.append(t.table()).append("  (").append(t.rows().size()).append(t.rows().size() == 1 ? " row" : " rows")
          .append(t.where() == null ? "" : "; where " + t.where()).append(")\n");
      List<String> rules = new ArrayList<>();
      t.transformers().forEach((c, name) -> rules.add(c + ": " + name));
      sb.append("  ").append(String.join(", ", rules)).append('\n');
      int width = t.columns().stream().mapToInt(String::length).max().orElse(0);
      int beforeWidth = Math.min(MAX_SHOWN, t.rows().stream().flatMap(r -> r.before().stream()).mapToInt(v -> shown(v).length())
          .max().orElse(0));
      for (int n = 0; n < t.rows().size(); n++) {
        Row r = t.rows().get(n);
        List<String> key = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
          if (t.keys().contains(t.columns().get(i))) {
            key.add(t.columns().get(i) + "=" + shown(r.before().get(i)));
          }
        }
        sb.append("  row ").append(n + 1).append(key.isEmpty() ? "" : "  " + String.join(", ", key)).append('\n');
        for (int i = 0; i < t.columns().size(); i++) {
          String c = t.columns().get(i);
          if (t.keys().contains(c) && !t.transformers().containsKey(c)) {
            continue;
          }
          String before = shown(r.before().get(i));
          sb.append(String.format(Locale.ROOT, "    %-" + width + "s  %-" + beforeWidth + "s", c, before));
          if (t.transformers().containsKey(c)) {
            sb.append("  ->  ").append(shown(r.after().get(i)));
          }
          sb.append('\n');
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** NULL spelled out, control characters escaped, long values cut, so one value stays on one line. */
  private static String shown(String v) {
    if (v == null) {
      return "NULL";
    }
    String s = v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN - 1) + "…" : s;
  }

  public String toJson() {
    return Reports.json(new JsonReport(source, rowsPerTable, tables.stream().map(t -> new JsonTable(t.table(), t.where(), t.keys(),
        t.transformers(), t.rows().stream().map(r -> new JsonRow(byColumn(t.columns(), r.before()), byColumn(t.columns(), r.after())))
            .toList())).toList()));
  }

  private record JsonReport(String source, int rowsPerTable, List<JsonTable> tables) {}

  private record JsonTable(String table, String where, List<String> keys, Map<String, String> transformers, List<JsonRow> rows) {}

  /** A row as an object keyed by column, in column order; SQL NULL is JSON null. */
  private record JsonRow(Map<String, String> before, Map<String, String> after) {}

  private static Map<String, String> byColumn(List<String> columns, List<String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      out.put(columns.get(i), values.get(i));
    }
    return out;
  }
}
