package io.pgferry.orchestrator.anonymize;

import io.pgferry.orchestrator.DisplayNames;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.TableSelection;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.ClonePlan;
import io.pgferry.orchestrator.clone.ClonePlanner;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.Pipelines;

import io.pgferry.applier.Applier;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.Table;
import io.pgferry.loader.LoadException;
import io.pgferry.loader.Previews;
import io.pgferry.loader.Snapshots;
import io.pgferry.loader.TableLoad;
import io.pgferry.loader.TablePreview;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pgferry preview}: the first rows of every transformed table before and after its transformers.
 *
 * <p>The tables, filters and transformers come from the same planning a clone does
 * ({@link Pipelines#toCloneOptions} and {@code ClonePlanner}), and the rows go through the loader's own
 * rewrite path ({@link Previews}), so the "after" values are exactly what a clone would write. Only the
 * source is opened, read-only; the target is never connected to.
 */
public final class Previewer {
  private static final Logger LOG = LoggerFactory.getLogger(Previewer.class);

  private Previewer() {}

  /**
   * @param tables table patterns ({@link TableGlob} syntax) to preview, or empty for every transformed table
   * @param rows rows per table
   * @param allColumns show every copied column, not just the transformed and key columns
   */
  public static PreviewReport preview(Pipeline pipeline, Map<String, String> env, Path home, List<String> tables, int rows,
      boolean allColumns) {
    if (rows < 1 || rows > Previews.MAX_ROWS) {
      throw new PgferryException(PgferryException.Code.USAGE, io.pgferry.extractor.Option.ROWS.mention() + " must be 1 to " + Previews.MAX_ROWS + ", got " + rows);
    }
    TableSelection only = TableSelection.of(tables, List.of());
    CloneOptions o = Pipelines.toCloneOptions(pipeline, env, home).toBuilder().dryRun(true).build();
    RuleMatcher rules = RuleMatcher.of(pipeline);
    List<PreviewReport.TablePreview> out = new ArrayList<>();
    Connection snapshot = o.source().open("pgferry preview");
    try {
      String snapshotId = Snapshots.export(snapshot);
      Catalog catalog = CatalogReader.read(snapshot);
      ClonePlan plan = ClonePlanner.plan(catalog, o);
      for (TableLoad load : plan.loads()) {
        if (!load.transformed() || !only.selects(load.table().name())) {
          continue;
        }
        TablePreview p = Previews.preview(o.source().source("pgferry preview"), snapshotId, load, rows);
        out.add(shape(p, rules, allColumns));
      }
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "could not open a snapshot on the source: " + Applier.describe(e), e);
    } catch (LoadException e) {
      throw new PgferryException(e.reason() == LoadException.Reason.CONFIG ? PgferryException.Code.CONFIG : PgferryException.Code.LOAD,
          "preview failed: " + e.getMessage(), e);
    } finally {
      close(snapshot);
    }
    if (!tables.isEmpty() && out.isEmpty()) {
      throw new PgferryException(PgferryException.Code.SCHEMA, "no transformed table matches " + String.join(", ", tables)
          + "; preview shows only tables the pipeline transforms");
    }
    return new PreviewReport(o.source().display(), rows, out);
  }

  /** Keeps the columns worth showing: keys (to find the row again) and the transformed ones, in table order. */
  private static PreviewReport.TablePreview shape(TablePreview p, RuleMatcher rules, boolean allColumns) {
    Table t = p.load().table();
    List<String> keys = key(t);
    Map<String, String> transformers = new LinkedHashMap<>();
    for (String column : p.columns()) {
      if (p.load().transformers().containsKey(column)) {
        String type = t.column(column).map(c -> c.type()).orElse("");
        transformers.put(column, rules.ruleFor(t.name().schema(), t.name().name(), column, type).map(TransformRule::transformer)
            .orElse("?"));
      }
    }
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < p.columns().size(); i++) {
      String c = p.columns().get(i);
      if (allColumns || keys.contains(c) || transformers.containsKey(c)) {
        shown.add(i);
      }
    }
    List<PreviewReport.Row> rows = new ArrayList<>();
    for (TablePreview.Row r : p.rows()) {
      List<String> before = new ArrayList<>();
      List<String> after = new ArrayList<>();
      shown.forEach(i -> {
        before.add(r.before().get(i));
        after.add(r.after().get(i));
      });
      rows.add(new PreviewReport.Row(before, after));
    }
    return new PreviewReport.TablePreview(DisplayNames.of(t.name().schema(), t.name().name()), p.load().where(), shown.stream().map(p.columns()::get).toList(), keys,
        transformers, rows);
  }

  /** The primary key, else the first unique constraint, else nothing. */
  private static List<String> key(Table t) {
    return t.primaryKey().or(() -> t.constraints().stream().filter(c -> c.kind() == Constraint.Kind.UNIQUE).findFirst())
        .map(Constraint::columns).orElse(List.of());
  }

  private static void close(Connection c) {
    try {
      c.rollback();
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing the preview's snapshot connection failed", e);
    }
  }
}
