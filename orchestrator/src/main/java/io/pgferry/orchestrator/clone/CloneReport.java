package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Bytes;
import io.pgferry.orchestrator.Reports;

import io.pgferry.loader.TableResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a clone did, per phase, with the per-table load results; renders as text or JSON.
 *
 * @param plan the plan, kept for dry runs and subsets (null otherwise)
 */
public record CloneReport(String source, String target, List<PhaseReport> phases, List<TableResult> tables, List<String> warnings,
    Duration elapsed, boolean dryRun, ClonePlan plan) {

  /** One phase: objects touched (tables, statements), rows and bytes where they apply, and wall time. */
  public record PhaseReport(String phase, int tables, int statements, long rows, long bytes, Duration elapsed) {
    /** One line for the console, worded for what the phase does. */
    public String summary() {
      double secs = elapsed.toNanos() / 1e9;
      return switch (phase) {
        case "extract" -> String.format(Locale.ROOT, "%d tables read in %.2f s", tables, secs);
        case "load" -> String.format(Locale.ROOT, "%d tables, %,d rows, %s in %.2f s (%.1f MB/s)", tables, rows, Bytes.human(bytes), secs,
            secs > 0 ? bytes / 1048576.0 / secs : 0.0);
        default -> String.format(Locale.ROOT, "%d statements, %.2f s", statements, secs);
      };
    }

    /** A row of {@link CloneReport#summaryTable()}. */
    String row() {
      return String.format(Locale.ROOT, "%-8s %7d %11d %12d %10s %8.2f", phase, tables, statements, rows, Bytes.human(bytes),
          elapsed.toNanos() / 1e9);
    }
  }

  public CloneReport {
    phases = List.copyOf(phases);
    tables = List.copyOf(tables);
    warnings = List.copyOf(warnings);
  }

  /** Per-phase table: tables, statements, rows, bytes, seconds. */
  public List<String> summaryTable() {
    List<String> out = new java.util.ArrayList<>();
    out.add(String.format(Locale.ROOT, "%-8s %7s %11s %12s %10s %8s", "phase", "tables", "statements", "rows", "bytes", "seconds"));
    phases.forEach(p -> out.add(p.row()));
    return out;
  }

  public long rows() {
    return tables.stream().mapToLong(TableResult::rows).sum();
  }

  public long bytes() {
    return tables.stream().mapToLong(TableResult::bytes).sum();
  }

  /** Machine-readable report for {@code --json}: its keys and their order are an interface, kept stable. */
  public String toJson() {
    return Reports.json(new JsonReport(source, target, dryRun, Reports.seconds(elapsed), rows(), bytes(),
        phases.stream().map(p -> new JsonPhase(p.phase(), p.tables(), p.statements(), p.rows(), p.bytes(), Reports.seconds(p.elapsed())))
            .toList(),
        tables.stream().map(t -> new JsonTable(t.source().toString(), t.target().toString(), t.rows(), t.bytes(),
            Reports.seconds(t.elapsed()), t.transformed())).toList(),
        warnings, plan == null || plan.subset() == null ? null : subsetJson(plan.subset())));
  }

  private static JsonSubset subsetJson(io.pgferry.orchestrator.subset.SubsetPlan s) {
    return new JsonSubset(s.tables().stream().map(t -> new JsonSubsetTable(t.table().toString(),
            t.reach().stream().sorted().map(r -> r.name().toLowerCase(Locale.ROOT)).toList(), t.fate().name().toLowerCase(Locale.ROOT),
            t.estimatedRows(), t.fate() == io.pgferry.orchestrator.subset.SubsetPlan.Fate.ALL ? null : t.rows())).toList(),
        s.edges().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
            .map(e -> new JsonSubsetEdge(e.getKey(), e.getValue())).toList(), s.spilled());
  }

  private record JsonReport(String source, String target, boolean dryRun, BigDecimal elapsedSeconds, long rows, long bytes,
      List<JsonPhase> phases, List<JsonTable> tables, List<String> warnings, JsonSubset subset) {}

  /**
   * The computed subset: each table, how it was reached, what it gets, its rows (null: all); rows per edge; whether
   * the kept rows' addresses outgrew the subset's memory and were kept in temporary tables on the target.
   */
  private record JsonSubset(List<JsonSubsetTable> tables, List<JsonSubsetEdge> edges, boolean spilled) {}

  private record JsonSubsetTable(String table, List<String> reachedAs, String gets, long estimatedRows, Long rows) {}

  private record JsonSubsetEdge(String edge, long rows) {}

  private record JsonPhase(String phase, int tables, int statements, long rows, long bytes, BigDecimal seconds) {}

  private record JsonTable(String source, String target, long rows, long bytes, BigDecimal seconds, boolean transformed) {}
}
