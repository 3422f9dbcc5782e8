package io.pgferry.orchestrator;

import io.pgferry.applier.Applier;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.ExtractException;
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
 * {@code pgferry scan}: finds columns that likely hold personal data, by their names ({@link PiiNames}) and
 * by a bounded sample of their values ({@link PiiValues}), and says which a pipeline's rules cover.
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
  /** Sampled values not looking like what the name says lower a name match by this factor. */
  private static final double CONTRADICTED = 0.6;
  private static final int MIN_CONTRADICTING = 10;
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
      Catalog catalog;
      try {
        catalog = CatalogReader.read(c);
      } catch (ExtractException e) {
        throw new PgferryException(PgferryException.Code.SCHEMA, e.getMessage(), e);
      }
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
      if (TypeClass.of(t.columns().get(i).type()).sampled()) {
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

  /** Name and value evidence for one column, combined; empty when neither says personal data. */
  static Optional<ScanReport.Finding> judge(Table t, Column col, List<String> values, LocalDate today) {
    TypeClass type = TypeClass.of(col.type());
    if (type == TypeClass.BOOLEAN) {
      return Optional.empty();
    }
    // a weak name ("cap", "card", "tel") is only believed on a text column
    Optional<PiiNames.Hit> name = PiiNames.match(t.name().name(), col.name())
        .filter(h -> fits(h.kind(), type) && (h.confidence() > PiiNames.WEAK || type == TypeClass.TEXT));
    Optional<PiiValues.Hit> value = values == null || !type.sampled() ? Optional.empty() : PiiValues.match(type, values, today);
    if (name.isEmpty() && value.isEmpty()) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>();
    PiiKind kind;
    double confidence;
    if (name.isPresent() && value.isPresent() && name.get().kind() == value.get().kind()) {
      kind = name.get().kind();
      confidence = 1 - (1 - name.get().confidence()) * (1 - value.get().confidence());
      reasons.add(name.get().reason());
      reasons.add(value.get().reason());
    } else if (value.isPresent() && (name.isEmpty() || value.get().confidence() >= name.get().confidence())) {
      kind = value.get().kind();
      confidence = value.get().confidence();
      reasons.add(value.get().reason());
      name.ifPresent(n -> reasons.add(n.reason()));
    } else {
      kind = name.get().kind();
      confidence = name.get().confidence();
      reasons.add(name.get().reason());
      value.ifPresent(v -> reasons.add(v.reason()));
      if (value.isEmpty() && values != null && values.size() >= MIN_CONTRADICTING && checkable(kind, type)) {
        confidence *= CONTRADICTED;
        reasons.add("none of " + values.size() + " sampled values looks like one");
      }
    }
    confidence = Math.round(confidence * 100) / 100.0;
    return Optional.of(new ScanReport.Finding(t.name().schema(), t.name().name(), col.name(), col.position(), col.type(), kind.key(),
        kind.label(), confidence, reasons, null, null, kind.suggest(col).yaml(),
        kind.fake()));
  }

  /** Whether a column of this type can hold this kind of data at all (a boolean "mobile" is not a phone number). */
  private static boolean fits(PiiKind kind, TypeClass type) {
    return switch (type) {
      case TEXT, JSON, OTHER -> true;
      case DATE, TIMESTAMP -> kind == PiiKind.BIRTH_DATE;
      case INET -> kind == PiiKind.IP_ADDRESS;
      case NUMBER -> kind == PiiKind.PHONE || kind == PiiKind.CARD || kind == PiiKind.NATIONAL_ID || kind == PiiKind.POSTCODE;
      case BOOLEAN -> false;
    };
  }

  /** Kinds whose values the sample recognises reliably, so their absence counts against the name. */
  private static boolean checkable(PiiKind kind, TypeClass type) {
    return type == TypeClass.TEXT && (kind == PiiKind.EMAIL || kind == PiiKind.IBAN || kind == PiiKind.CARD
        || kind == PiiKind.IP_ADDRESS);
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
