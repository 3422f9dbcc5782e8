package io.pgferry.schemadiff;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.Option;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.schemadiff.PlanBuilder.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A kept table whose columns, after the in-place changes, would stand in another order than the source's. PostgreSQL
 * appends every new column and cannot move one, so matching the order means a new table: the old one steps aside
 * (renamed, with its indexes and identity sequences), the source's table is created, the rows are copied, and the old
 * one is dropped, or kept when it holds columns the source does not have and the preservation policy keeps data.
 * All in the plan's one transaction. It rewrites and locks the whole table, so it is planned only when the user names
 * its hazard ({@code <table>:column-order}, or {@code all}); otherwise the plan appends and says so in a remark.
 */
final class TableRebuild {
  private final PlanBuilder plan;
  private final Catalog src;
  private final Catalog dst;
  private final TableDiff tables;
  private final TableLinks links;
  /** Tables set aside by {@link #setAside}: the target's table and the name it steps aside to. */
  private final Map<QualifiedName, Aside> asides = new HashMap<>();

  private record Aside(Table old, String name, boolean kept, Map<String, String> identitySequences) {}

  TableRebuild(PlanBuilder plan, Catalog src, Catalog dst, TableDiff tables, TableLinks links) {
    this.links = links;
    this.plan = plan;
    this.src = src;
    this.dst = dst;
    this.tables = tables;
  }

  static String hazardId(QualifiedName table) {
    return table + ":column-order";
  }

  /**
   * Whether {@code t} is rebuilt for the source's column order: then its set-aside statements are planned and the
   * caller creates the source's table and calls {@link #copy}. Otherwise a differing order becomes a remark.
   */
  boolean setAside(Table s, Table t) {
    List<String> after = orderAfterAlter(s, t);
    List<String> wanted = s.columns().stream().map(Column::name).toList();
    if (after.equals(wanted)) {
      return false;
    }
    String id = hazardId(t.name());
    if (!rebuildable(s) || !rebuildable(t)) {
      plan.remarks.add("the columns of " + t.name() + " stand in another order than in the source (" + String.join(", ", wanted)
          + "); partitioned tables, partitions and inheritance parents are not rebuilt for their column order");
      return false;
    }
    if (!plan.options.allows(id)) {
      plan.remarks.add("the columns of " + t.name() + " stand in another order than in the source (" + String.join(", ", wanted)
          + "); " + Option.ALLOW_HAZARDS.mention(id) + " rebuilds the table in the source's order");
      return false;
    }
    List<String> lost = t.columns().stream().filter(c -> !c.generated() && s.column(c.name()).isEmpty()).map(Column::name).toList();
    boolean kept = !lost.isEmpty() && plan.options.preserve() != DiffOptions.Preserve.NONE;
    String name = !kept ? plan.oldName(t.name().name())
        : plan.options.preserve() == DiffOptions.Preserve.BACKUP ? plan.backupName(t.name().name()) : plan.droppedName(t.name().name());
    tables.setAside(t);
    plan.add(Stage.TABLES, TableDiff.key(t.name()), "ALTER TABLE " + t.name().quoted() + " RENAME TO " + Sql.ident(name),
        "table " + t.name() + " is rebuilt in the source's column order (" + String.join(", ", wanted) + "); the old one steps aside",
        Hazard.consent(Hazard.Kind.TABLE_REWRITE, id, "a new table is created and every row copied into it"),
        Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, id, "the table is locked until the plan commits"));
    tables.renameIndexes(t, name);
    for (QualifiedName p : t.parents()) {
      if (!links.recreated(p)) {
        // on its own, so the parent's column changes no longer reach it; its inherited columns become its own
        plan.add(Stage.TABLES, TableDiff.key(t.name()), "ALTER TABLE " + Sql.qualified(t.name().schema(), name) + " NO INHERIT " + p.quoted(),
            "the old " + t.name() + " leaves " + p + " with its rows");
      }
    }
    Map<String, String> sequences = new HashMap<>();
    for (Column c : t.columns()) {
      if (c.identity() != null) {
        // the new table's identity takes the sequence's name
        String old = plan.oldName(c.identity().sequence().name());
        plan.add(Stage.TABLES, TableDiff.key(t.name()), "ALTER SEQUENCE " + c.identity().sequence().quoted() + " RENAME TO " + Sql.ident(old),
            "the identity sequence of " + t.name() + "." + c.name() + " steps aside with its table");
        sequences.put(c.name(), Sql.qualified(c.identity().sequence().schema(), old));
      }
    }
    if (kept) {
      plan.remarks.add("the old " + t.name() + " is kept as " + name + " with the values of " + String.join(", ", lost)
          + ", which the source does not have");
      if (plan.options.preserve() == DiffOptions.Preserve.RENAME) {
        plan.note("DROP TABLE " + Sql.qualified(t.name().schema(), name), "after verifying, drop the old table " + t.name());
      }
    }
    asides.put(s.name(), new Aside(t, name, kept, sequences));
    return true;
  }

  /**
   * After the source's table is created: in {@code stage}, its rows from the old one, identities continued, the old
   * one dropped.
   */
  void copy(Table s, Stage stage) {
    Aside a = asides.get(s.name());
    QualifiedName n = s.name();
    String old = Sql.qualified(n.schema(), a.name());
    List<String> into = new ArrayList<>();
    List<String> values = new ArrayList<>();
    boolean always = false;
    for (Column sc : s.columns()) {
      Column c = a.old().column(sc.name()).orElse(null);
      if (sc.generated() || c == null || c.generated()) {
        continue;
      }
      into.add(Sql.ident(sc.name()));
      // an enum column of the old table may be text by now (SchemaDiff rebuilds enums over the set-aside table as text)
      boolean plain = c.type().equals(sc.type()) && !TableDiff.isEnum(src, sc.type());
      values.add(plain ? Sql.ident(sc.name()) : tables.cast(Sql.ident(sc.name()), c.type(), sc.type()));
      always |= sc.identity() != null && sc.identity().always();
    }
    if (!into.isEmpty()) {
      plan.add(stage, "INSERT INTO " + n.quoted() + " (" + String.join(", ", into) + ")" + (always ? " OVERRIDING SYSTEM VALUE" : "")
          + " SELECT " + String.join(", ", values) + " FROM ONLY " + old, "the rows of " + n + " into the rebuilt table",
          Hazard.of(Hazard.Kind.MAY_FAIL, hazardId(n), "fails when a row does not fit the source's columns (a new NOT NULL column"
              + " without a default, a type that does not cast)"));
    }
    for (Column sc : s.columns()) {
      if (sc.identity() == null) {
        continue;
      }
      String seq = Sql.literal(sc.identity().sequence().quoted()) + "::regclass";
      String was = a.identitySequences().get(sc.name());
      plan.add(stage, was != null ? "SELECT setval(" + seq + ", last_value, is_called) FROM " + was
          : "SELECT setval(" + seq + ", greatest(max(" + Sql.ident(sc.name()) + "), " + sc.identity().options().min() + ")) FROM " + n.quoted()
              + " HAVING max(" + Sql.ident(sc.name()) + ") IS NOT NULL", "the identity of " + n + "." + sc.name() + " continues where it was");
    }
    if (!a.kept()) {
      List<String> lost = a.old().columns().stream().filter(c -> !c.generated() && s.column(c.name()).isEmpty()).map(Column::name).toList();
      plan.add(stage, "DROP TABLE " + old, "the old " + n + " is no longer needed", lost.stream()
          .map(c -> Hazard.of(Hazard.Kind.DATA_LOSS, n + "." + c + ":drop-column", "the column's values are dropped ("
              + Option.PRESERVE.mention("NONE") + ")")).toArray(Hazard[]::new));
    }
  }

  /** The column names the target has after in-place changes: kept ones where they stand, new ones at the end. */
  static List<String> orderAfterAlter(Table s, Table t) {
    List<String> out = new ArrayList<>();
    for (Column c : t.columns()) {
      Column sc = s.column(c.name()).orElse(null);
      if (sc != null && !regenerated(sc, c)) {
        out.add(c.name());
      }
    }
    for (Column sc : s.columns()) {
      Column c = t.column(sc.name()).orElse(null);
      if (c == null || regenerated(sc, c)) {
        out.add(sc.name());
      }
    }
    return out;
  }

  /** A generated column whose expression changes is dropped and added, so it moves to the end too. */
  static boolean regenerated(Column sc, Column c) {
    return sc.generated() != c.generated() || sc.generated() && !sc.generatedExpr().equals(c.generatedExpr());
  }

  /**
   * Plain tables and inheritance children: a partition's columns follow its parent's, and a parent's new columns are
   * its children's too (they would have to be rebuilt with it).
   */
  private boolean rebuildable(Table t) {
    return !t.partitioned() && t.partitionBound() == null
        && src.tables().stream().noneMatch(x -> x.parents().contains(t.name()))
        && dst.tables().stream().noneMatch(x -> x.parents().contains(t.name()));
  }
}
