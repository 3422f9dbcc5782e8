package io.pgferry.orchestrator.anonymize;

import io.pgferry.orchestrator.DisplayNames;
import io.pgferry.orchestrator.Reports;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What {@code pgferry scan} found.
 *
 * @param source the scanned database, without secrets
 * @param tables tables scanned
 * @param columns columns scanned
 * @param sample rows sampled per table (at most)
 * @param withPipeline whether coverage was checked against a pipeline
 * @param findings likely personal-data columns at or above the confidence threshold, in table and column order
 * @param warnings tables that could not be sampled, and why
 */
public record ScanReport(String source, int tables, int columns, int sample, double minConfidence, boolean withPipeline,
    List<Finding> findings, List<String> warnings, Duration elapsed) {

  public ScanReport {
    findings = List.copyOf(findings);
    warnings = List.copyOf(warnings);
  }

  /** Whether a pipeline's rules take care of a finding. */
  public enum Coverage {
    /** A transform rule matches the column. */
    COVERED,
    /** The pipeline does not copy the table at all. */
    NOT_COPIED,
    /** The pipeline copies the column unchanged. */
    UNCOVERED
  }

  /**
   * One column.
   *
   * @param kind a short key such as {@code email} or {@code iban}
   * @param confidence 0..1, two decimals
   * @param reasons the evidence, strongest first
   * @param coverage null when no pipeline was given
   * @param rule the covering rule ({@code transformer (file:line:col)}), or null
   * @param suggested a rule that works today, as the YAML value of a transform ({@code hash}, {@code { type: constant, … }})
   * @param consider the more realistic transformer to consider instead
   */
  public record Finding(String schema, String table, String column, int position, String type, String kind, String label,
      double confidence, List<String> reasons, Coverage coverage, String rule, String suggested, String consider) {
    public Finding {
      reasons = List.copyOf(reasons);
    }

    Finding covered(Coverage c, String byRule) {
      return new Finding(schema, table, column, position, type, kind, label, confidence, reasons, c, byRule, suggested, consider);
    }

    /**
     * {@code schema.table.column}, a part double-quoted only when it is not a plain lower-case name, which is
     * also how a pipeline's transform keys spell it ({@code public."Clients"."nomDeFamille"}).
     */
    public String qualified() {
      return DisplayNames.of(schema, table, column);
    }

    /** Neither covered by a rule nor left out of the copy (without a pipeline: every finding). */
    public boolean uncovered() {
      return coverage == null || coverage == Coverage.UNCOVERED;
    }
  }

  public List<Finding> uncovered() {
    return findings.stream().filter(Finding::uncovered).toList();
  }

  /** The findings as a table for a terminal. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "scanned %d tables, %d columns of %s (sample %d rows per table) in %.1f s%n", tables, columns,
        source, sample, elapsed.toNanos() / 1e9));
    if (findings.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "no column looks like personal data (confidence >= %.2f)%n", minConfidence));
      return sb.toString();
    }
    int width = Math.max(6, findings.stream().mapToInt(f -> f.qualified().length()).max().orElse(0));
    int kindWidth = Math.max(4, findings.stream().mapToInt(f -> f.kind().length()).max().orElse(0));
    String format = "%-" + width + "s  %-" + kindWidth + "s  %4s  %s%s%n";
    sb.append(String.format(Locale.ROOT, format, "column", "kind", "conf", withPipeline ? String.format("%-10s  ", "coverage") : "",
        "why"));
    for (Finding f : findings) {
      String coverage = !withPipeline ? "" : String.format("%-10s  ", switch (f.coverage()) {
        case COVERED -> f.rule().substring(0, f.rule().indexOf(' '));
        case NOT_COPIED -> "not copied";
        case UNCOVERED -> "UNCOVERED";
      });
      sb.append(String.format(Locale.ROOT, format, f.qualified(), f.kind(), String.format(Locale.ROOT, "%.2f", f.confidence()),
          coverage, String.join("; ", f.reasons())));
    }
    long open = uncovered().size();
    sb.append(String.format(Locale.ROOT, "%d likely personal-data column(s)%s%n", findings.size(),
        withPipeline ? ", " + open + " not covered by the pipeline's rules" : ""));
    return sb.toString();
  }

  public String toJson() {
    return Reports.json(new JsonReport(source, tables, columns, sample, Reports.decimals(minConfidence, 2), withPipeline,
        Reports.seconds(elapsed), uncovered().size(),
        findings.stream().map(f -> new JsonFinding(f.schema(), f.table(), f.column(), f.type(), f.kind(), Reports.decimals(f.confidence(), 2),
            f.reasons(), f.coverage() == null ? null : f.coverage().name().toLowerCase(Locale.ROOT), f.rule(), f.suggested(), f.consider()))
            .toList(),
        warnings));
  }

  private record JsonReport(String source, int tables, int columns, int sample, BigDecimal minConfidence, boolean pipeline,
      BigDecimal seconds, int uncovered, List<JsonFinding> findings, List<String> warnings) {}

  private record JsonFinding(String schema, String table, String column, String type, String kind, BigDecimal confidence,
      List<String> reasons, String coverage, String rule, String suggested, String consider) {}

  /**
   * A pipeline file with one rule per uncovered finding, each a transformer that works today and a comment
   * naming the realistic fake to consider. Connections and the salt come from variables, so the file holds
   * no secret.
   */
  public String starterRules() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Starter anonymization rules written by `pgferry scan` for ").append(source.replace("\n", " ")).append(".\n");
    sb.append("# Review every rule. Set SOURCE_URL, TARGET_URL and PGFERRY_SALT (a secret), then: pgferry preview FILE, pgferry run FILE\n");
    sb.append("source: ${SOURCE_URL}\ntarget: ${TARGET_URL}\nsalt: ${PGFERRY_SALT}\n");
    List<Finding> open = uncovered();
    if (open.isEmpty()) {
      sb.append("# no uncovered findings\n");
      return sb.toString();
    }
    sb.append("transforms:\n");
    for (Finding f : open) {
      sb.append("  ").append(yamlKey(f.qualified())).append(": ").append(f.suggested()).append("   # ").append(f.label())
          .append(String.format(Locale.ROOT, ", confidence %.2f; consider: %s%n", f.confidence(), f.consider()));
    }
    return sb.toString();
  }

  /** Single-quoted, so the key's SQL double quotes survive; "${" would be read as a variable. */
  private static String yamlKey(String key) {
    return "'" + key.replace("'", "''").replace("${", "$${") + "'";
  }
}
