package io.pgferry.orchestrator.anonymize;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.clone.ClonePlan;

import io.pgferry.anonymizer.Transformers;
import io.pgferry.applier.Applier;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.loader.LoadException;
import io.pgferry.loader.Samples;
import io.pgferry.loader.TableLoad;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Before the target is touched: the first rows of every transformed table are read and transformed as the
 * load would, and the source server checks the results against the column types (which runs domain
 * constraints) and the table's CHECK constraints that involve a transformed column. A rule whose output
 * would be rejected fails the run here, with the constraint and the offending (already anonymized) value,
 * instead of in the middle of the load. Only the source is used, read-only, inside a savepoint.
 */
public final class SampleCheck {
  static final int ROWS = 200;

  private SampleCheck() {}

  public static void run(Connection source, ClonePlan plan) {
    for (TableLoad load : plan.loads()) {
      if (!load.transformed() || load.transformers().values().stream().anyMatch(Transformers::scansWholeTable)) {
        continue; // a shuffle's query numbers the whole table, too costly for a sample
      }
      check(source, load);
    }
  }

  private static void check(Connection source, TableLoad load) {
    Table t = load.table();
    Set<String> transformed = new TreeSet<>();
    load.transformers().forEach((c, tr) -> {
      if (!Transformers.isKeep(tr)) {
        transformed.add(c);
      }
    });
    List<String> columns = Samples.columns(load);
    List<Constraint> checks = t.constraints().stream()
        .filter(c -> c.kind() == Constraint.Kind.CHECK && c.columns().stream().anyMatch(transformed::contains)
            && columns.containsAll(c.columns()))
        .toList();
    List<String> casts = new ArrayList<>();
    for (String name : columns) {
      Column c = t.column(name).orElseThrow();
      casts.add("CAST(? AS " + c.type() + ") AS " + Sql.ident(name));
    }
    List<String> tests = new ArrayList<>();
    checks.forEach(c -> tests.add("(" + expression(c) + ") IS NOT FALSE"));
    // the whole-row reference keeps the planner from dropping casts of columns no check reads
    tests.add("pgferry_sample::text");
    String sql = "SELECT " + String.join(", ", tests) + " FROM (SELECT " + String.join(", ", casts) + ") AS pgferry_sample";
    Savepoint sp = null;
    try {
      sp = source.setSavepoint();
      List<List<String>> rows = Samples.rows(source, load, ROWS);
      try (PreparedStatement p = source.prepareStatement(sql)) {
        for (List<String> row : rows) {
          for (int i = 0; i < row.size(); i++) {
            p.setString(i + 1, row.get(i));
          }
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            for (int k = 0; k < checks.size(); k++) {
              if (!rs.getBoolean(k + 1)) {
                throw new PgferryException(PgferryException.Code.CONFIG, "the transform rules of " + t.name() + " break its "
                    + "constraint " + checks.get(k).name() + " (" + checks.get(k).definition() + ") for " + shown(columns, row,
                    transformed) + "; change the rules so their output satisfies it. Nothing was changed");
              }
            }
          } catch (SQLException e) {
            throw new PgferryException(PgferryException.Code.CONFIG, "the transform rules of " + t.name() + " produce a value its"
                + " columns reject (" + Applier.describe(e) + ") for " + shown(columns, row, transformed)
                + "; change the rules so their output fits the type or domain. Nothing was changed", e);
          }
        }
      }
      source.releaseSavepoint(sp);
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.LOAD, "could not sample " + t.name() + " to check the transform rules: "
          + Applier.describe(e), e);
    } catch (LoadException e) {
      throw new PgferryException(PgferryException.Code.CONFIG, e.getMessage() + ". Nothing was changed", e);
    } catch (PgferryException e) {
      rollback(source, sp);
      throw e;
    }
  }

  /** Transformed values only: they are already anonymized, the others may be personal. */
  private static String shown(List<String> columns, List<String> row, Set<String> transformed) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (transformed.contains(columns.get(i))) {
        parts.add(columns.get(i) + " = " + (row.get(i) == null ? "NULL" : "'" + row.get(i) + "'"));
      }
    }
    return String.join(", ", parts);
  }

  private static String expression(Constraint c) {
    String d = c.definition().strip();
    if (d.endsWith(" NOT VALID")) {
      d = d.substring(0, d.length() - " NOT VALID".length());
    }
    return d.startsWith("CHECK ") ? d.substring("CHECK ".length()) : d;
  }

  private static void rollback(Connection source, Savepoint sp) {
    if (sp != null) {
      try {
        source.rollback(sp);
      } catch (SQLException ignored) {
        // the run stops with the original error
      }
    }
  }
}
