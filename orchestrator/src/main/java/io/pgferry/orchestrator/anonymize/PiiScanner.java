package io.pgferry.orchestrator.anonymize;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.TableSelection;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.pipeline.Pipeline;

import io.pgferry.anonymizer.PiiDetector;
import io.pgferry.applier.Applier;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code pgferry scan}: finds columns that likely hold personal data, by their names and by a bounded sample
 * of their values (judged by the anonymizer's {@link PiiDetector}), and says which a pipeline's rules cover.
 *
 * <p>The source is only read, in one READ ONLY REPEATABLE READ transaction. Values are fetched as text and
 * only for the columns whose type can hold what is looked for (text, json, inet, date); each table's sample
 * is a {@code TABLESAMPLE SYSTEM} of large tables (plain {@code LIMIT} on small ones), so a scan of a big
 * database reads a few pages per table.
 */
public final class PiiScanner {
  /** Below this many estimated rows per sampled row, TABLESAMPLE would return too few rows to judge. */
  private static final int TABLESAMPLE_FACTOR = 20;
  /** How much more than needed TABLESAMPLE asks for, as pages hold uneven numbers of rows. */
  private static final double OVERSAMPLE = 3.0;
  /** Enough of a value to recognise it; bounds what a sample of large json documents or texts costs. */
  private static final int MAX_VALUE_CHARS = 4096;

  private PiiScanner() {}

  public static ScanReport scan(ConnectionSpec source, ScanOptions o) {
    long start = System.nanoTime();
    TableSelection selection = TableSelection.of(o.include(), o.exclude());
    RuleMatcher rules = o.pipeline() == null ? null : RuleMatcher.of(o.pipeline());
    LocalDate today = LocalDate.now(o.clock());
    List<ScanReport.Finding> findings = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int tables = 0;
    int columns = 0;
    try (Connection c = source.open("pgferry scan")) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        s.execute("SET LOCAL DateStyle = 'ISO, YMD'"); // dates as yyyy-mm-dd whatever the server default
      }
      Catalog catalog = CatalogReader.read(c);
      for (Table t : catalog.tables()) {
        if (!t.holdsRows() || !selection.selects(t.name())) {
          continue;
        }
        tables++;
        columns += t.columns().size();
        List<List<String>> samples = sample(c, t, o.sample(), warnings);
        for (int i = 0; i < t.columns().size(); i++) {
          Column col = t.columns().get(i);
          judge(t, col, samples == null ? null : samples.get(i), today).filter(f -> f.confidence() >= o.minConfidence())
              .map(f -> cover(f, rules, o.pipeline())).ifPresent(findings::add);
        }
      }
      c.rollback();
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "scanning " + source.display() + ": " + Applier.describe(e), e);
    }
    findings.sort(Comparator.comparing(ScanReport.Finding::schema).thenComparing(ScanReport.Finding::table)
        .thenComparingInt(ScanReport.Finding::position));
    return new ScanReport(source.display(), tables, columns, o.sample(), o.minConfidence(), o.pipeline() != null, findings,
        warnings, java.time.Duration.ofNanos(System.nanoTime() - start));
  }

  /** One list of non-null sampled values per column (empty for columns not sampled), or null when nothing was sampled. */
  private static List<List<String>> sample(Connection c, Table t, int rows, List<String> warnings) throws SQLException {
    List<Integer> sampled = new ArrayList<>();
    for (int i = 0; i < t.columns().size(); i++) {
      if (PiiDetector.sampled(t.columns().get(i).type())) {
        sampled.add(i);
      }
    }
    if (rows == 0 || sampled.isEmpty()) {
      return null;
    }
    String select = "SELECT " + sampled.stream()
        .map(i -> "left(" + Sql.ident(t.columns().get(i).name()) + "::text, " + MAX_VALUE_CHARS + ")").collect(Collectors.joining(", "))
        + " FROM ONLY " + t.name().quoted();
    Savepoint sp = c.setSavepoint();
    try {
      Sample sample = null;
      if (t.estimatedRows() > (long) rows * TABLESAMPLE_FACTOR) {
        sample = read(c, select + " TABLESAMPLE SYSTEM (?) LIMIT ?", t, sampled, rows,
            Math.min(100.0, 100.0 * OVERSAMPLE * rows / t.estimatedRows()));
      }
      // SYSTEM picks whole pages at random, so on a table of few pages it can come back (nearly) empty
      if (sample == null || sample.rows() < rows / 2) {
        sample = read(c, select + " LIMIT ?", t, sampled, rows, null);
      }
      c.releaseSavepoint(sp);
      return sample.values();
    } catch (SQLException e) {
      c.rollback(sp);
      warnings.add("could not sample " + t.name() + " (judged by column names only): " + Applier.describe(e));
      return null;
    }
  }

  /** Rows read, and per column its non-null values. */
  private record Sample(int rows, List<List<String>> values) {}

  private static Sample read(Connection c, String sql, Table t, List<Integer> sampled, int rows, Double percent)
      throws SQLException {
    List<List<String>> values = new ArrayList<>();
    t.columns().forEach(col -> values.add(new ArrayList<>()));
    int n = 0;
    try (PreparedStatement p = c.prepareStatement(sql)) {
      int k = 1;
      if (percent != null) {
        p.setDouble(k++, percent);
      }
      p.setInt(k, rows);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          n++;
          for (int j = 0; j < sampled.size(); j++) {
            String v = rs.getString(j + 1);
            if (v != null) {
              values.get(sampled.get(j)).add(v);
            }
          }
        }
      }
    }
    return new Sample(n, values);
  }

  /** The detector's verdict on one column, as a finding of this table (coverage not yet known). */
  static Optional<ScanReport.Finding> judge(Table t, Column col, List<String> values, LocalDate today) {
    return PiiDetector.judge(t.name().name(), col, values, today).map(v -> new ScanReport.Finding(t.name().schema(),
        t.name().name(), col.name(), col.position(), col.type(), v.kind(), v.label(), v.confidence(), v.reasons(), null, null,
        v.suggested(), v.consider()));
  }

  private static ScanReport.Finding cover(ScanReport.Finding f, RuleMatcher rules, Pipeline pipeline) {
    if (rules == null) {
      return f;
    }
    if (!pipeline.selects(f.schema(), f.table())) {
      return f.covered(ScanReport.Coverage.NOT_COPIED, null);
    }
    return rules.ruleFor(f.schema(), f.table(), f.column(), f.type())
        .map(r -> f.covered(ScanReport.Coverage.COVERED, r.transformer() + " (" + r.where() + ")"))
        .orElseGet(() -> f.covered(ScanReport.Coverage.UNCOVERED, null));
  }
}
