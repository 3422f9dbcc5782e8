package io.pgferry.orchestrator.sync;

import io.pgferry.orchestrator.TableGlob;
import io.pgferry.orchestrator.TableSelection;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.loader.SyncMode;
import io.pgferry.loader.SyncResult;
import io.pgferry.loader.TableSync;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, per selected source table, how it is synced, and refuses (for that table only) what would not be
 * safe: a target column the source cannot fill, a type that differs, no key to upsert or compare by.
 */
final class SyncPlanner {
  /** pgferry's own bookkeeping schema is never synced, even from a source that is itself a sync target. */
  static final String STATE_SCHEMA = "pgferry";

  private SyncPlanner() {}

  /** What to run, what was decided against, and what the user should hear about. */
  record Plan(List<TableSync> runs, List<SyncResult> decided, List<String> warnings) {}

  /** The selected source tables that hold rows, in catalog order. */
  static List<Table> selected(Catalog source, SyncOptions o) {
    TableSelection sel = TableSelection.of(o.include(), o.exclude());
    return source.tables().stream()
        .filter(t -> t.holdsRows() && !t.name().schema().equals(STATE_SCHEMA) && sel.selects(t.name()))
        .filter(t -> override(o, t.name()).map(ov -> !ov.skip()).orElse(true))
        .toList();
  }

  /** A keyless table the user asked to skip: it is neither synced nor created. */
  static boolean skippedForNoKey(Table t, SyncOptions o) {
    SyncMode asked = override(o, t.name()).map(SyncOptions.TableOverride::mode).orElse(o.mode());
    return t.primaryKey().isEmpty() && o.keyless() == SyncOptions.Keyless.SKIP && asked != SyncMode.FULL;
  }

  static QualifiedName targetName(QualifiedName source, SyncOptions o) {
    return o.targetSchema() == null ? source : source.inSchema(o.targetSchema());
  }

  static Plan plan(Catalog source, Catalog target, SyncOptions o) {
    List<TableSync> runs = new ArrayList<>();
    List<SyncResult> decided = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<QualifiedName, QualifiedName> claimed = new HashMap<>();
    for (Table t : selected(source, o)) {
      QualifiedName dst = targetName(t.name(), o);
      QualifiedName other = claimed.putIfAbsent(dst, t.name());
      if (other != null) {
        decided.add(failed(t, dst, null, "both " + other + " and " + t.name() + " would sync into " + dst + " (" + io.pgferry.extractor.Option.TARGET_SCHEMA.mention() + ")"));
        continue;
      }
      if (skippedForNoKey(t, o)) {
        decided.add(SyncResult.notRun(t.name(), dst, null, SyncResult.Status.SKIPPED, "no primary key (" + io.pgferry.extractor.Option.KEYLESS.mention("SKIP") + ")"));
        continue;
      }
      Table tt = target.table(dst).orElse(null);
      if (tt == null) {
        decided.add(failed(t, dst, null, "target table " + dst + " does not exist"));
        continue;
      }
      try {
        runs.add(decide(t, tt, o, warnings));
      } catch (Unsafe e) {
        decided.add(failed(t, dst, e.mode, e.getMessage()));
      }
    }
    return new Plan(runs, decided, warnings);
  }

  private static TableSync decide(Table t, Table tt, SyncOptions o, List<String> warnings) {
    SyncOptions.TableOverride ov = override(o, t.name()).orElse(null);
    String tsColumn = ov != null && ov.timestampColumn() != null ? ov.timestampColumn() : o.timestampColumn();
    boolean delete = ov != null && ov.delete() != null ? ov.delete() : o.delete();
    SyncMode asked = ov != null && ov.mode() != null ? ov.mode() : o.mode();
    List<String> key = t.primaryKey().map(Constraint::columns).orElse(List.of());
    SyncMode mode = asked;
    if (mode == null) {
      mode = key.isEmpty() ? SyncMode.FULL : t.column(tsColumn).isPresent() ? SyncMode.TIMESTAMP : SyncMode.APPEND;
    }
    if (key.isEmpty() && asked != SyncMode.FULL) {
      // never upserted silently: without a key a row cannot be matched, so the table is reloaded whole
      warnings.add(t.name() + " has no primary key: it is reloaded in full (truncate and copy)" + (delete ? "; " + io.pgferry.extractor.Option.DELETE.mention() + " does not apply" : ""));
      mode = SyncMode.FULL;
    }
    if (mode == SyncMode.TIMESTAMP && t.column(tsColumn).isEmpty()) {
      throw new Unsafe(mode, "has no timestamp column \"" + tsColumn + "\" for timestamp mode");
    }
    List<String> columns = new ArrayList<>();
    for (Column c : t.copiedColumns()) {
      boolean generatedBySequence = c.identity() != null || c.defaultExpr() != null && c.defaultExpr().startsWith("nextval(");
      if (!(o.excludeGenerated() && generatedBySequence && !key.contains(c.name()))) {
        columns.add(c.name());
      }
    }
    checkColumns(t, tt, columns, mode, o);
    if (mode != SyncMode.FULL && !hasUniqueKey(tt, key)) {
      throw new Unsafe(mode, "target table " + tt.name() + " has no primary key or unique constraint on (" + String.join(", ", key)
          + "), which " + mode.label() + " mode matches rows by");
    }
    return new TableSync(t, tt.name(), mode, columns, mode == SyncMode.FULL ? List.of() : key,
        mode == SyncMode.TIMESTAMP ? tsColumn : null, delete && mode != SyncMode.FULL);
  }

  private static void checkColumns(Table t, Table tt, List<String> columns, SyncMode mode, SyncOptions o) {
    for (String name : columns) {
      Column c = t.column(name).orElseThrow();
      Column d = tt.column(name).orElse(null);
      if (d == null) {
        throw new Unsafe(mode, "column \"" + name + "\" is missing in target table " + tt.name());
      }
      if (d.generated()) {
        throw new Unsafe(mode, "column \"" + name + "\" is generated in the target but not in the source");
      }
      if (!sameType(c.type(), d.type(), t.name().schema(), tt.name().schema())) {
        throw new Unsafe(mode, "column \"" + name + "\" is " + c.type() + " in the source but " + d.type() + " in the target");
      }
    }
    Set<String> synced = new HashSet<>(columns);
    for (Column d : tt.columns()) {
      boolean fillable = !d.notNull() || d.defaultExpr() != null || d.identity() != null || d.generated();
      if (!synced.contains(d.name()) && !fillable) {
        throw new Unsafe(mode, "target column \"" + d.name() + "\" is NOT NULL without a default and "
            + (t.column(d.name()).isPresent() ? "is not synced" : "does not exist in the source"));
      }
    }
  }

  /** Equal, or equal once a user type's schema is mapped like its table's (a migrated-style target schema). */
  private static boolean sameType(String source, String target, String sourceSchema, String targetSchema) {
    if (source.equals(target)) {
      return true;
    }
    for (String prefix : List.of(sourceSchema + ".", Sql.ident(sourceSchema) + ".")) {
      if (source.startsWith(prefix)) {
        String rest = source.substring(prefix.length());
        return target.equals(targetSchema + "." + rest) || target.equals(Sql.ident(targetSchema) + "." + rest);
      }
    }
    return false;
  }

  private static boolean hasUniqueKey(Table tt, List<String> key) {
    Set<String> wanted = new HashSet<>(key);
    return tt.constraints().stream()
        .anyMatch(c -> (c.kind() == Constraint.Kind.PRIMARY_KEY || c.kind() == Constraint.Kind.UNIQUE)
            && new HashSet<>(c.columns()).equals(wanted));
  }

  static java.util.Optional<SyncOptions.TableOverride> override(SyncOptions o, QualifiedName name) {
    return o.tables().stream().filter(ov -> TableGlob.compile(ov.table()).matches(name.schema(), name.name())).findFirst();
  }

  private static SyncResult failed(Table t, QualifiedName dst, SyncMode mode, String why) {
    return SyncResult.notRun(t.name(), dst, mode, SyncResult.Status.FAILED, why);
  }

  /** A difference that makes syncing this one table unsafe. */
  private static final class Unsafe extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SyncMode mode;

    Unsafe(SyncMode mode, String message) {
      super(message, null, false, false);
      this.mode = mode;
    }
  }
}
